#!/usr/bin/env python3
"""Time `spoor check` on the seed article against an archive of the 97,680 Enron
messages plus the seed memo, its CSV export row and the distractor fixtures.

    python3 benches/check_speed.py [--work /tmp/spoor-bench] [--runs 7]

Reuses the Enron Maildir unpacked by benches/compare.py (or unpacks it), builds
spoor in release mode, makes the archive once, then runs the check as a new
process `--runs` times after one warm-up and prints the median, with the same
check against an archive of the fixtures alone for the ratio. Not part of CI.
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARBALL = os.path.join(ROOT, "..", "shared", "corpora", "enron-50users", "enron-50users-maildir.tar.zst")


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/spoor-bench")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    maildir = os.path.join(a.work, "enron-50users-maildir")
    if not os.path.isdir(maildir):
        subprocess.run(f"zstd -dc --long=27 '{TARBALL}' | tar -xf - -C '{a.work}'", shell=True, check=True)
    sh("cargo", "build", "--release", "-q", "-p", "spoor-cli", cwd=ROOT)
    spoor = os.path.join(ROOT, "target", "release", "spoor")
    fx = os.path.join(ROOT, "fixtures")
    env = {**os.environ, "CI": "1"}

    def build(archive, with_enron):
        shutil.rmtree(archive, ignore_errors=True)
        if with_enron:
            sh(spoor, "--archive", archive, "ingest", "--collection", "enron", maildir, env=env)
        sources = [os.path.join(fx, p) for p in ("seed/C05798096.txt", "docs", "foia", "mime", "html")]
        subprocess.run([spoor, "--archive", archive, "ingest", *sources], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sh(spoor, "--archive", archive, "ingest", "--map-file", os.path.join(fx, "exports/kaggle.map"), os.path.join(fx, "exports/emails.csv"), env=env)
        sh(spoor, "--archive", archive, "alias", "add", "Sidney Blumenthal", "sbwhoeop", env=env)
        sh(spoor, "--archive", archive, "alias", "add", "Hillary Clinton", "h", env=env)

    def median(archive):
        cmd = [spoor, "--archive", archive, "check", os.path.join(fx, "seed/article-nl.txt")]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times), min(times), max(times)

    big = os.path.join(a.work, "check-archive-enron")
    small = os.path.join(a.work, "check-archive-fixtures")
    build(big, True)
    build(small, False)
    top = subprocess.run([spoor, "--archive", big, "check", "--format", "json", os.path.join(fx, "seed/article-nl.txt")], stdout=subprocess.PIPE, check=True).stdout
    import json
    r = json.loads(top)
    mb, lo, hi = median(big)
    ms, _, _ = median(small)
    print(f"| archive | documents | spoor check median s (min-max) |")
    print(f"|---|---|---|")
    print(f"| Enron 97,680 + seed memo + distractors | {json.loads(sh(spoor, '--archive', big, 'stats', '--format', 'json').stdout)['documents']} | {mb:.3f} ({lo:.3f}-{hi:.3f}) |")
    print(f"| fixtures only | {json.loads(sh(spoor, '--archive', small, 'stats', '--format', 'json').stdout)['documents']} | {ms:.3f} |")
    print(f"\nTop source in the Enron archive: {r['sources'][0]['doc_no']}; verdicts: {[c['verdict'] for c in r['claims']]}")
    print(f"Ratio Enron archive / fixtures archive: {mb/ms:.2f}")


if __name__ == "__main__":
    main()
