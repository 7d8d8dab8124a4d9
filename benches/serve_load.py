#!/usr/bin/env python3
"""Load on `spoor serve`, measured with wrk (Debian `wrk`) on loopback.

    cargo build --release -p spoor-cli
    python3 benches/serve_load.py ARCHIVE        # an archive of the Enron mbox, say

Searches (top 10, the 20 queries of benches/compare.py in turn) at 1, 8 and 64
concurrent connections, without and with facets; 8 concurrent `check`s of the
seed article. Prints requests per second, p50/p99 latency, errors, and the
server's peak memory (VmHWM). The server runs without accounts (loopback, the
archive's owner), so no login is measured."""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPOOR = os.path.join(ROOT, "target", "release", "spoor")
PORT = 18087
BASE = f"http://127.0.0.1:{PORT}"
QUERIES = [
    "meeting", "gas", "enron", "california", "zebra", "kayak", "origami",
    "from:phillip.allen@enron.com", "from:kenneth.lay@enron.com", "to:kenneth.lay@enron.com",
    "from:yahoo.com", "date:2001-05-01..2001-05-31", "date:2000-12-25..2000-12-31 and gas",
    '"natural gas"', '"power crisis"', "subject:california", "california and power",
    "bankruptcy or chapter", "deriv*", "folder:lay-k/inbox",
]

ROTATE = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""

POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
local f = io.open("%s", "rb")
wrk.body = f:read("*a")
f:close()
"""


def lua(tmp, name, text):
    p = os.path.join(tmp, name)
    with open(p, "w") as f:
        f.write(text)
    return p


def wrk(conns, secs, script, path):
    threads = min(conns, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{conns}", f"-d{secs}s", "--latency", "--timeout", "30s",
         "-s", script, BASE + path],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = 0
    for m in re.finditer(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return rps, lat.get("50", "?"), lat.get("99", "?"), errors, total


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    archive = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="spoor-load-")
    server = subprocess.Popen([SPOOR, "--archive", archive, "serve", "--listen", f"127.0.0.1:{PORT}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/api/v1/search?q=gas&limit=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        plain = ",".join('"/api/v1/search?limit=10&q=%s"' % urllib.parse.quote(q) for q in QUERIES)
        faceted = ",".join('"/api/v1/search?limit=10&facets=from,year,lang&q=%s"' % urllib.parse.quote(q) for q in QUERIES)
        s_plain = lua(tmp, "plain.lua", ROTATE % plain)
        s_facets = lua(tmp, "facets.lua", ROTATE % faceted)
        print("| requests | connections | req/s | p50 | p99 | errors / requests |")
        print("|---|---|---|---|---|---|")
        for name, script in [("search, top 10", s_plain), ("search, top 10 + 3 facets", s_facets)]:
            for conns in (1, 8, 64):
                rps, p50, p99, err, total = wrk(conns, 10, script, "/")
                print(f"| {name} | {conns} | {rps:.0f} | {p50} | {p99} | {err} / {total} |", flush=True)
        article = os.path.join(ROOT, "fixtures", "seed", "article-nl.txt")
        s_check = lua(tmp, "check.lua", POST % article)
        rps, p50, p99, err, total = wrk(8, 20, s_check, "/api/v1/check?format=json")
        print(f"| check of the seed article (JSON report) | 8 | {rps:.1f} | {p50} | {p99} | {err} / {total} |")
        print(f"\nserver peak memory (VmHWM): {peak_mib(server.pid):.0f} MiB")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
