#!/usr/bin/env python3
"""Hostile inputs against the release build: each case runs spoor once and
records its exit code, whether it panicked or aborted, whether the error is one
line, its time and its peak memory (from /usr/bin/time). Prints a Markdown
table for docs/RELIABILITY.md.

    cargo build --release -p spoor-cli && python3 benches/hostile.py [OUT.md]

Every case is generated here (nothing downloaded); a case passes when spoor
neither panics nor aborts, a refusal is one line on stderr, and the run stays
under its memory bound (the bound column)."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPOOR = os.path.join(ROOT, "target", "release", "spoor")
FIXTURES = os.path.join(ROOT, "fixtures")
MIB = 1 << 20


def deep_pdf(depth):
    """A small PDF whose page content array nests `depth` deep."""
    body = b"[" * depth + b"1" + b"]" * depth
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Foo " + body + b" >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def mbox_with_pdf(n, pdf):
    import base64

    b64 = base64.encodebytes(pdf).decode()
    parts = []
    for i in range(n):
        att = ""
        if i == n // 2:
            att = (
                "--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                "Content-Disposition: attachment; filename=deep.pdf\n\n" + b64
            )
        parts.append(
            f"From a{i} Mon Jan  1 00:00:00 2001\nFrom: a{i}@example.org\nSubject: m{i}\n"
            f"Message-ID: <m{i}@example.org>\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
            f"message {i} about gas\n{att}--b--\n\n"
        )
    return "".join(parts).encode()


def foia(n):
    page = (
        "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C0{doc} Date: 05/13/2015\n"
        "STATE DEPT. - PRODUCED TO HOUSE SELECT BENGHAZI COMM.\nRELEASE IN FULL\n\n"
    )
    msgs = [
        f"From: Sender {i} <s{i}@example.org>\nSent: Monday, March 1, 2010 9:00 AM\n"
        f"To: H\nSubject: note {i}\n\nText of note {i} about the ferry.\n\n"
        for i in range(n)
    ]
    return (page.format(doc=5700000) + "".join(msgs)).encode()


def cases(tmp):
    """(name, spoor args, bound in MiB, expect) — expect is 'ok' or 'refused'."""
    w = lambda name, data: _write(tmp, name, data)
    arc = os.path.join(tmp, "arc")
    subprocess.run([SPOOR, "--archive", arc, "ingest", os.path.join(FIXTURES, "mail")],
                   capture_output=True, check=True)
    a = ["--archive", arc]
    yield "PDF nested 2,000 deep", a + ["ingest", w("deep.pdf", deep_pdf(2000))], 256, "failed-file"
    yield "PDF nested 50,000 deep", a + ["ingest", w("deeper.pdf", deep_pdf(50000))], 256, "failed-file"
    yield "mbox of 200 messages, one with that PDF attached", a + ["ingest", w("deep.mbox", mbox_with_pdf(200, deep_pdf(2000)))], 512, "ok"
    yield "e-mail with 20,000 header fields", a + ["ingest", w("headers.eml", ("From: a@b.c\nSubject: s\n" + "X-A: b\n" * 20000 + "\nbody\n").encode())], 256, "failed-file"
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(20000))
    yield "e-mail with 20,000 MIME parts", a + ["ingest", w("parts.eml", ("From: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n").encode())], 512, "failed-file"
    nest = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n" for i in range(5000))
    yield "e-mail with multiparts nested 5,000 deep", a + ["ingest", w("nest.eml", ("From: a@b.c\nMIME-Version: 1.0\n" + nest + "\nx\n").encode())], 512, "any"
    yield "charset=utf-16 label on an ASCII body", a + ["ingest", w("u16.eml", b"From: a@b.c\nSubject: s\nContent-Type: text/plain; charset=utf-16\n\nplain ascii words\n")], 256, "ok"
    yield "binary junk named .eml", a + ["ingest", w("junk.eml", os.urandom(1 << 20))], 256, "failed-file"
    yield "a 40 MB line without a newline (.txt)", a + ["ingest", w("line.txt", b"x" * (40 * MIB))], 1024, "ok"
    yield "FOIA text of 150,000 messages (27 MB)", a + ["ingest", w("foia150k.txt", foia(150000))], 1536, "ok"
    yield "CSV with a --map naming a missing column", a + ["ingest", "--map", "body=Nope", w("t.csv", b"a,b\n1,2\n")], 256, "failed-file"
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    yield "a FIFO given by name", a + ["ingest", fifo], 256, "failed-file"
    yield "/dev/zero given by name", a + ["ingest", "/dev/zero"], 256, "failed-file"
    yield "query of 100 KB (gas gas …; a 1 MB one is over the OS's argument limit)", a + ["search", "gas " * 25_000], 256, "refused"
    yield "query of 10,000 nested parentheses", a + ["search", "(" * 10000 + "gas" + ")" * 10000], 256, "refused"
    yield "query of 1,000 chained NOT", a + ["search", "NOT " * 1000 + "gas"], 256, "refused"
    yield "query date:..", a + ["search", "date:.."], 256, "refused"
    yield "query a~~~~", a + ["search", "a~~~~"], 256, "any"
    yield "query with a control byte (U+0001; a NUL cannot be passed in argv, the parser refuses it: query::tests::bounded)", a + ["search", "gas\x01"], 256, "any"
    yield "--limit 1000000000", a + ["search", "--limit", "1000000000", "gas"], 256, "refused"
    yield "--offset 1000000000000", a + ["search", "--offset", "1000000000000", "gas"], 256, "refused"
    words = "De regering in Algiers meldde dat de troepen vertrokken. "
    yield "article of 200 KB", a + ["check", w("big.txt", (words * (200_000 // len(words))).encode())], 512, "refused"
    yield "article of 2 MB", a + ["check", w("huge.txt", (words * (2_000_000 // len(words))).encode())], 512, "refused"
    yield "article of 8 MB", a + ["check", w("huger.txt", (words * (8_000_000 // len(words))).encode())], 512, "refused"
    yield "binary junk as an article", a + ["check", w("junk.txt", os.urandom(100_000))], 256, "refused"
    page = "<html><body>" + "<div>" * 50000 + "De regering meldde het." + "</div>" * 50000 + "</body></html>"
    yield "saved page nested 50,000 deep", a + ["check", w("deep.html", page.encode())], 512, "any"
    scripts = "<html><body><p>De regering in Algiers meldde het.</p>" + "<script></script>" * 200_000 + "</body></html>"
    yield "saved page of 200,000 script elements (3.4 MB)", a + ["check", w("scripts.html", scripts.encode())], 512, "any"
    yield "show of an id that is not there", a + ["show", "ffffffffffff"], 256, "refused"


def _write(tmp, name, data):
    p = os.path.join(tmp, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def run(args):
    t = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", SPOOR] + args, capture_output=True, timeout=600)
    secs = time.monotonic() - t
    err = r.stderr.decode("utf-8", "replace").strip().splitlines()
    peak_kb = int(err[-1]) if err and err[-1].isdigit() else 0
    msg = [l for l in err[:-1] if not l.startswith("Command exited")]
    out = r.stdout.decode("utf-8", "replace")
    return r.returncode, msg, out, secs, peak_kb / 1024


def main():
    if not os.path.exists(SPOOR):
        sys.exit("build first: cargo build --release -p spoor-cli")
    tmp = tempfile.mkdtemp(prefix="spoor-hostile-")
    rows, bad = [], 0
    try:
        for name, args, bound, expect in cases(tmp):
            code, msg, out, secs, mib = run(args)
            text = " ".join(msg) + " " + out
            panicked = "panicked" in text or code in (101, 134, 139) or code < 0
            one_line = len(msg) <= 1
            failed_file = "failed" in out or "failed" in text
            ok = (not panicked and mib <= bound
                  and (expect != "refused" or (code != 0 and one_line))
                  and (expect != "failed-file" or failed_file))
            bad += not ok
            what = (msg[0] if msg else out.strip().splitlines()[-1] if out.strip() else "")[:110]
            rows.append(f"| {name} | {code} | {'yes' if panicked else 'no'} | {secs:.2f} | {mib:.0f} | {bound} | {'pass' if ok else 'FAIL'} | {what.replace('|', '/')} |")
            print(rows[-1], flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    table = ["| case | exit | panic/abort | seconds | peak MiB | bound MiB | result | what spoor said (first line) |",
             "|---|---|---|---|---|---|---|---|"] + rows
    text = "\n".join(table) + f"\n\n{len(rows)} cases, {len(rows) - bad} pass, {bad} fail.\n"
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            f.write(text)
    print(text)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
