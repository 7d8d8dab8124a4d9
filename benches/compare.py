#!/usr/bin/env python3
"""spoor against notmuch and mu on the same Maildir, in one run.

Unpacks the Enron 50-user Maildir (shared/corpora), times a fresh index by each
tool (wall time, peak RSS, size on disk), then runs the same 20 queries through
each tool as separate processes (1 warm-up, then the median of 7 runs each) and
prints a Markdown report with the ratios. Not part of CI.

    python3 benches/compare.py                  # everything (about 9 minutes)
    python3 benches/compare.py --skip-peers-ingest   # reuse the peers' databases from an earlier run
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARBALL = os.path.join(ROOT, "..", "shared", "corpora", "enron-50users", "enron-50users-maildir.tar.zst")

QUERIES = [  # (spoor / notmuch, mu)
    ("meeting", "meeting"),
    ("gas", "gas"),
    ("enron", "enron"),
    ("california", "california"),
    ("zebra", "zebra"),
    ("kayak", "kayak"),
    ("origami", "origami"),
    ("from:phillip.allen@enron.com", "from:phillip.allen@enron.com"),
    ("from:kenneth.lay@enron.com", "from:kenneth.lay@enron.com"),
    ("to:kenneth.lay@enron.com", "to:kenneth.lay@enron.com"),
    ("from:yahoo.com", "from:yahoo.com"),
    ("date:2001-05-01..2001-05-31", "date:20010501..20010531"),
    ("date:2000-12-25..2000-12-31 and gas", "date:20001225..20001231 AND gas"),
    ('"natural gas"', '"natural gas"'),
    ('"power crisis"', '"power crisis"'),
    ("subject:california", "subject:california"),
    ("california and power", "california AND power"),
    ("bankruptcy or chapter", "bankruptcy OR chapter"),
    ("deriv*", "deriv*"),
    ("folder:lay-k/inbox", "maildir:/lay-k/inbox"),
]


def run(cmd, env=None, capture=True):
    """Run a command; return (seconds, peak RSS in KiB of that child, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    out = p.stdout.read() if capture else b""
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return dt, ru.ru_maxrss, out


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total


def ensure_tools():
    missing = [pkg for tool, pkg in (("notmuch", "notmuch"), ("mu", "maildir-utils"), ("zstd", "zstd")) if not shutil.which(tool)]
    if missing:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/spoor-bench")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--skip-peers-ingest", action="store_true")
    args = ap.parse_args()
    ensure_tools()
    os.makedirs(args.work, exist_ok=True)
    maildir = os.path.join(args.work, "enron-50users-maildir")
    if not os.path.isdir(maildir):
        print("unpacking the Maildir ...", file=sys.stderr)
        subprocess.run(f"zstd -dc --long=27 '{TARBALL}' | tar -xf - -C '{args.work}'", shell=True, check=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "spoor-cli"], cwd=ROOT, check=True)
    spoor = os.path.join(ROOT, "target", "release", "spoor")
    env = {**os.environ, "CI": "1"}
    archive = os.path.join(args.work, "spoor-archive")
    nm_db = os.path.join(args.work, "notmuch-db")
    nm_cfg = os.path.join(args.work, "notmuch-config")
    mu_home = os.path.join(args.work, "mu-home")
    taskset = ["taskset", "-c", "0,1"] if shutil.which("taskset") else []

    ingest = {}
    shutil.rmtree(archive, ignore_errors=True)
    print("spoor ingest ...", file=sys.stderr)
    dt, rss, out = run(taskset + [spoor, "--archive", archive, "ingest", "--format", "json", maildir], env=env)
    import json
    rep = json.loads(out)
    ingest["spoor"] = (dt, rss, rep["added"], du(archive), None)
    dt2, _, out2 = run(taskset + [spoor, "--archive", archive, "ingest", "--format", "json", maildir], env=env)
    rep2 = json.loads(out2)
    # like `notmuch compact` below: a finished archive is compacted before it is queried
    dtc, _, _ = run(taskset + [spoor, "--archive", archive, "compact"], env=env)
    compact_time = {"spoor": dtc}
    ingest["spoor"] = ingest["spoor"][:4] + (du(archive),)

    if not args.skip_peers_ingest or not os.path.isdir(nm_db):
        shutil.rmtree(nm_db, ignore_errors=True)
        os.makedirs(nm_db)
        with open(nm_cfg, "w") as f:
            f.write(f"[database]\npath={nm_db}\nmail_root={maildir}\n[new]\ntags=unread;inbox;\nignore=\n"
                    "[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=true\n")
        print("notmuch new ...", file=sys.stderr)
        dt, rss, _ = run(taskset + ["notmuch", f"--config={nm_cfg}", "new", "--quiet"])
        size = du(nm_db)
        compact_time["notmuch"] = run(["notmuch", f"--config={nm_cfg}", "compact", "--quiet"])[0]
        ingest["notmuch"] = (dt, rss, 97680, size, du(nm_db))
    if not args.skip_peers_ingest or not os.path.isdir(mu_home):
        shutil.rmtree(mu_home, ignore_errors=True)
        print("mu init + index ...", file=sys.stderr)
        t0 = time.perf_counter()
        run(["mu", "init", f"--muhome={mu_home}", f"--maildir={maildir}"])
        dt, rss, _ = run(taskset + ["mu", "index", f"--muhome={mu_home}", "--quiet"])
        ingest["mu"] = (time.perf_counter() - t0, rss, 97680, du(mu_home), None)

    def median_ms(cmd):
        run(cmd)
        times = [run(cmd)[0] for _ in range(args.runs)]
        return statistics.median(times) * 1000

    rows = []
    for sq, mq in QUERIES:
        s_json = median_ms(taskset + [spoor, "--archive", archive, "search", "--format", "json", "--limit", "10", sq])
        s_ids = median_ms(taskset + [spoor, "--archive", archive, "search", "--ids", "--limit", "10", sq])
        s_total = json.loads(run([spoor, "--archive", archive, "search", "--format", "json", "--limit", "1", sq])[2])["total"]
        n_files = median_ms(taskset + ["notmuch", f"--config={nm_cfg}", "search", "--output=files", "--limit=10", sq])
        n_count = int(run(["notmuch", f"--config={nm_cfg}", "count", sq])[2].strip() or 0)
        m_find = median_ms(taskset + ["mu", "find", f"--muhome={mu_home}", "--fields=l", "--maxnum=10", mq])
        rows.append((sq, s_json, s_ids, s_total, n_files, n_count, m_find))

    print("## Ingest of the Enron 50-user Maildir (97,680 messages)\n")
    print("| tool | wall s | msg/s | peak RSS MiB | on disk MB | compacted MB | compact s |")
    print("|---|---|---|---|---|---|---|")
    for tool, (dt, rss, n, size, comp) in ingest.items():
        ct = compact_time.get(tool)
        print(f"| {tool} | {dt:.1f} | {n/dt:,.0f} | {rss/1024:.0f} | {size/1e6:.0f} | {'' if comp is None else f'{comp/1e6:.0f}'} | {'' if ct is None else f'{ct:.1f}'} |")
    if "notmuch" in ingest:
        s, nm = ingest["spoor"], ingest["notmuch"]
        print(f"\nspoor ingests **{(s[2]/s[0])/(nm[2]/nm[0]):.1f}x** notmuch's messages per second"
              + (f" and {(s[2]/s[0])/(ingest['mu'][2]/ingest['mu'][0]):.1f}x mu's" if "mu" in ingest else "")
              + f"; its archive (index + compressed originals) is {s[3]/nm[4]:.2f}x notmuch's compacted database,"
              + f" {s[4]/nm[4]:.2f}x after `spoor compact`. Queries below run on both compacted databases.")
    print(f"Re-ingest of the same tree: {rep2['added']} added, {rep2['unchanged']} already present, {dt2:.1f} s.\n")
    print(f"## Queries: median of {args.runs} runs, each a new process, top 10\n")
    print("| query | spoor json ms | spoor --ids ms | spoor hits | notmuch --output=files ms | notmuch hits | mu find ms |")
    print("|---|---|---|---|---|---|---|")
    for q, sj, si, st, nf, nc, mf in rows:
        print(f"| `{q}` | {sj:.1f} | {si:.1f} | {st} | {nf:.1f} | {nc} | {mf:.1f} |")
    med = lambda i: statistics.median(r[i] for r in rows)
    print(f"| **median** | **{med(1):.1f}** | **{med(2):.1f}** | | **{med(4):.1f}** | | **{med(6):.1f}** |")
    print(f"\nMedian query time ratio spoor/notmuch: json with snippets **{med(1)/med(4):.2f}**, ids only **{med(2)/med(4):.2f}**;"
          f" spoor/mu: {med(1)/med(6):.2f} / {med(2)/med(6):.2f}.")


if __name__ == "__main__":
    main()
