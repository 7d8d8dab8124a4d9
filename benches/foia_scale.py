#!/usr/bin/env python3
"""Ingest time of one FOIA release text with 5,000, 20,000 and 150,000 printed
messages (each split into its own document): time should grow with the size.

    python3 benches/foia_scale.py [--work /tmp/spoor-foia-bench]

Writes the files (the State Department stamp, then `From:/Sent:/To:/Subject:`
blocks), builds spoor in release mode and ingests each into a new archive,
printing seconds and peak memory. Not part of CI.
"""
import argparse, os, resource, shutil, subprocess, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(path, n):
    with open(path, "w") as f:
        f.write("UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05700001 Date: 05/13/2015\nRELEASE IN PART\nB6\n")
        for i in range(n):
            f.write(f"From: Mills, Cheryl D <MillsCD@state.gov>\nSent: Thursday, January 17, 2013 10:{i % 60:02d} PM\n"
                    f"To: H\nSubject: Re: call {i}\n\nMessage number {i} about the call and the schedule for tomorrow.\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/spoor-foia-bench")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "spoor-cli"], cwd=ROOT, check=True)
    spoor = os.path.join(ROOT, "target", "release", "spoor")
    print("| messages | file MB | ingest s | s per 1,000 messages | peak RSS MB |\n|---|---|---|---|---|")
    for n in (5_000, 20_000, 150_000):
        path = os.path.join(a.work, f"foia-{n}.txt")
        write(path, n)
        archive = os.path.join(a.work, "archive")
        shutil.rmtree(archive, ignore_errors=True)
        t0 = time.perf_counter()
        subprocess.run([spoor, "--archive", archive, "ingest", path], check=True, stdout=subprocess.DEVNULL)
        secs = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"| {n:,} | {os.path.getsize(path) / 1e6:.1f} | {secs:.2f} | {secs / n * 1000:.3f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
