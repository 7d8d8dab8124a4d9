#!/usr/bin/env python3
"""The whole Clinton release (27,159 OCR'd files) as a user loads it: ingest time
and archive size, then `spoor check` of the seed article against it, and against
the release plus the 97,680 Enron messages (how check time grows with the archive),
and of an Arabic article about the memo against the release.

    python3 benches/release.py [--work /tmp/spoor-release-bench] [--runs 7] [--no-enron]

Builds spoor in release mode, unpacks the release (and the Enron Maildir) from
../shared/corpora, makes each archive once, imports the two alias tables, then
runs the check as a new process `--runs` times after one warm-up and prints the
median. Not part of CI.
"""
import argparse, json, os, shutil, statistics, subprocess, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
RELEASE = os.path.join(CORPORA, "clinton-release", "clinton-release-text.tar.zst")
ALIASES = os.path.join(CORPORA, "clinton-release", "aliases")
ENRON = os.path.join(CORPORA, "enron-50users", "enron-50users-maildir.tar.zst")


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def unpack(tarball, work, name):
    out = os.path.join(work, name)
    if not os.path.isdir(out):
        subprocess.run(f"zstd -dc --long=27 '{tarball}' | tar -xf - -C '{work}'", shell=True, check=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/spoor-release-bench")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-enron", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    text = unpack(RELEASE, a.work, "text")
    sh("cargo", "build", "--release", "-q", "-p", "spoor-cli", cwd=ROOT)
    spoor = os.path.join(ROOT, "target", "release", "spoor")
    env = {**os.environ, "CI": "1"}
    article = os.path.join(ROOT, "fixtures", "seed", "article-nl.txt")

    def build(archive, extra=None):
        shutil.rmtree(archive, ignore_errors=True)
        t0 = time.perf_counter()
        r = subprocess.run([spoor, "--archive", archive, "ingest", "--collection", "foia", "--format", "json",
                            text, os.path.join(ROOT, "fixtures", "docs")], env=env, stdout=subprocess.PIPE, check=False)
        secs = time.perf_counter() - t0
        rep = json.loads(r.stdout)
        if extra:
            sh(spoor, "--archive", archive, "ingest", "--collection", "enron", extra, env=env)
        sh(spoor, "--archive", archive, "alias", "import", os.path.join(ALIASES, "wsj-HRCEMAIL_names.csv"), env=env)
        sh(spoor, "--archive", archive, "alias", "import", "--columns", "AliasName,PersonName",
           os.path.join(ALIASES, "kaggle-alias_person.csv"), env=env)
        stats = json.loads(sh(spoor, "--archive", archive, "stats", "--format", "json").stdout)
        return secs, rep, stats

    def median(archive, art=article):
        cmd = [spoor, "--archive", archive, "check", art]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times), min(times), max(times)

    rel = os.path.join(a.work, "archive-release")
    secs, rep, stats = build(rel)
    size = stats["catalog_bytes"] + stats["index_bytes"]
    print(f"Ingest of the release (+3 distractors): {rep['files']} files, {rep['added']} documents added, "
          f"{len(rep['failed'])} failed ({', '.join(sorted({f['error'] for f in rep['failed']}))}), "
          f"{len(rep.get('warnings', []))} warnings, {secs:.1f} s; archive {size/1e6:.0f} MB "
          f"(catalog and originals {stats['catalog_bytes']/1e6:.0f} MB, index {stats['index_bytes']/1e6:.0f} MB)")
    r = json.loads(sh(spoor, "--archive", rel, "check", "--format", "json", article).stdout)
    lead = r["sources"][0]
    print(f"Lead source: {lead['doc_no']}, renditions under it: {[x['doc_no'] for x in lead['renditions']]}")
    print(f"Verdicts: {[c['verdict'] for c in r['claims']]}")
    rows = [("release + distractors", rel)]
    if not a.no_enron:
        maildir = unpack(ENRON, a.work, "enron-50users-maildir")
        both = os.path.join(a.work, "archive-release-enron")
        build(both, maildir)
        rows.append(("release + distractors + Enron 97,680", both))
    print("\n| archive | documents | spoor check median s (min-max) |\n|---|---|---|")
    meds = []
    for label, arc in rows:
        m, lo, hi = median(arc)
        meds.append(m)
        docs = json.loads(sh(spoor, "--archive", arc, "stats", "--format", "json").stdout)["documents"]
        print(f"| {label} | {docs} | {m:.3f} ({lo:.3f}-{hi:.3f}) |")
    if len(meds) == 2:
        print(f"\nRatio with Enron / release alone: {meds[1]/meds[0]:.2f}")
    arabic = os.path.join(ROOT, "eval", "sets", "C05798096", "ar.txt")
    m, lo, hi = median(rel, arabic)
    r = json.loads(sh(spoor, "--archive", rel, "check", "--format", "json", arabic).stdout)
    print(f"\nArabic article about the memo (eval/sets/C05798096/ar.txt) against the release: "
          f"{m:.3f} s ({lo:.3f}-{hi:.3f}), lead source {r['sources'][0]['doc_no']}; ratio to the seed: {m/meds[0]:.2f}")


if __name__ == "__main__":
    main()
