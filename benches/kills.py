#!/usr/bin/env python3
"""kill -9 during ingest, again and again: each round starts `spoor ingest` of the
Enron mbox (97,680 messages, shared/corpora/enron-50users/), kills it at a
random moment within 5 s (every third round on a new archive, so that kills land
in an ingest that is still running and in the next one resuming it), then checks with a second process that the archive
opens, that `spoor verify` finds no damage, and that the committed count never
goes down. A last ingest must complete to 97,680 documents, all indexed.

    cargo build --release -p spoor-cli && python3 benches/kills.py [ROUNDS] [SEED]"""

import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPOOR = os.path.join(ROOT, "target", "release", "spoor")
SHARED = os.environ.get("SPOOR_SHARED", os.path.join(ROOT, "..", "shared"))


def spoor(arc, *args):
    return subprocess.run([SPOOR, "--archive", arc, *args], capture_output=True, text=True)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    tmp = tempfile.mkdtemp(prefix="spoor-kills-")
    try:
        src = os.path.join(SHARED, "corpora/enron-50users/enron-50users-mbox.tar.zst")
        subprocess.run(["tar", "--zstd", "-xf", src, "-C", tmp], check=True)
        mbox = os.path.join(tmp, "enron-50users-mbox")
        arc = os.path.join(tmp, "arc")
        last, problems = 0, 0
        for r in range(rounds):
            if r % 3 == 0:
                shutil.rmtree(arc, ignore_errors=True)
                last = 0
            p = subprocess.Popen([SPOOR, "--archive", arc, "ingest", mbox],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait = rng.uniform(0.2, 5.0)
            time.sleep(wait)
            finished = p.poll() is not None
            p.kill()
            p.wait()
            v = spoor(arc, "verify", "--format", "json")
            s = spoor(arc, "stats", "--format", "json")
            ok = v.returncode == 0 and s.returncode == 0
            docs = json.loads(s.stdout)["documents"] if s.returncode == 0 else -1
            ok = ok and docs >= last
            problems += not ok
            print(f"round {r + 1}: killed after {wait:.1f} s{' (had finished)' if finished else ''}; "
                  f"{docs} documents; verify exit {v.returncode}; {'ok' if ok else 'PROBLEM ' + v.stderr.strip() + s.stderr.strip()}",
                  flush=True)
            last = max(last, docs)
        f = spoor(arc, "ingest", mbox)
        s = json.loads(spoor(arc, "stats", "--format", "json").stdout)
        v = spoor(arc, "verify")
        done = f.returncode == 0 and s["documents"] == 97680 and s["indexed"] == 97680 and v.returncode == 0
        print(f"final ingest: exit {f.returncode}, {s['documents']} documents, {s['indexed']} indexed, verify exit {v.returncode}")
        print(f"{rounds} kills, {problems} problems, final {'complete' if done else 'INCOMPLETE'}")
        sys.exit(0 if done and problems == 0 else 1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
