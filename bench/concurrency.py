#!/usr/bin/env python3
"""Concurrent writers against one Wharf server (standard library only); driven by concurrency.sh.

N client threads, each with its own user token and its own keep-alive connection, loop for a fixed
time over a mix of writes and reads:

  publish   a new version of the client's current crate (a new crate every VERSIONS_PER_CRATE
            versions), as cargo frames it: u32 LE JSON length, JSON, u32 LE .crate length, .crate;
  yank      yank a random version the client published, or un-yank it if it is yanked;
  download  fetch a random published version's .crate (any client's): the server counts it and a
            background task flushes the counts, which is the third writer.

Every response is counted by operation and status; the summary (JSON on standard output) has the
counts, the 5xx total, the connection errors and the p50/p99 latency of each operation, and, given
the server's --pid, its resident memory (VmRSS) sampled every second: at the start, once warmed up
(a sixth of the run, at most 30 s in), at the end and the most seen. Only 127.0.0.1 is accepted as
the target.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import make_crate, percentile, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (concurrency load in bench/concurrency.py)"
VERSIONS_PER_CRATE = 10
# The mix: weights of publish, yank/unyank and download once a client has something to yank.
WEIGHTS = {"publish": 4, "yank": 4, "download": 2}


class Connection:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, host, port, token):
        self.host, self.port, self.token = host, port, token
        self.conn = None

    def request(self, method, path, body=None):
        """Returns (status, body bytes); status is None when the request failed below HTTP."""
        headers = {"Authorization": self.token, "User-Agent": USER_AGENT, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/octet-stream"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError) as e:
                self.conn.close()
                self.conn = None
                # A keep-alive connection the server closed between requests: once more, on a new one.
                if attempt == 1 or not isinstance(e, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
                    return None, str(e).encode()
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, data
        return None, b"unreachable"


class Shared:
    """What the clients share: published versions (for downloads) and the tallies."""

    def __init__(self):
        self.lock = threading.Lock()
        self.published = []  # (name, vers)
        self.counts = {}  # (op, status) -> n
        self.latencies = {}  # op -> [ms]
        self.samples = {}  # status -> first few error bodies

    def record(self, op, status, ms, body):
        with self.lock:
            key = (op, status if status is not None else "error")
            self.counts[key] = self.counts.get(key, 0) + 1
            self.latencies.setdefault(op, []).append(ms)
            if status is None or status >= 500:
                samples = self.samples.setdefault(f"{op} {key[1]}", [])
                if len(samples) < 3:
                    samples.append(body[:300].decode(errors="replace"))


def client(index, token, args, shared, deadline):
    rng = random.Random(args.seed * 1000 + index)
    conn = Connection(args.host, args.port, token)
    mine = []  # [name, vers, yanked]
    published = 0
    while time.monotonic() < deadline:
        if not mine:
            op = "publish"
        else:
            op = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            # With a cap, the registry stops growing once every client reached it: what is left is
            # yanks, un-yanks and downloads over a fixed set, where memory should stay flat.
            if op == "publish" and args.max_versions and published >= args.max_versions:
                op = "yank"
        if op == "publish":
            crate_no, version_no = divmod(published, VERSIONS_PER_CRATE)
            name = f"conc-client{index}-crate{crate_no}"
            vers = f"0.{version_no}.0"
            desc = f"Load crate {crate_no} of client {index}"
            body = publish_body(name, vers, desc, make_crate(name, vers, desc))
            start = time.perf_counter()
            status, data = conn.request("PUT", "/api/v1/crates/new", body)
            shared.record(op, status, (time.perf_counter() - start) * 1000, data)
            # Whatever the outcome, the next publish is a fresh number: a failed one may have been
            # committed before its index write failed.
            published += 1
            if status == 200:
                mine.append([name, vers, False])
                with shared.lock:
                    shared.published.append((name, vers))
        elif op == "yank":
            entry = rng.choice(mine)
            name, vers, yanked = entry
            op = "unyank" if yanked else "yank"
            method, action = ("PUT", "unyank") if yanked else ("DELETE", "yank")
            start = time.perf_counter()
            status, data = conn.request(method, f"/api/v1/crates/{name}/{vers}/{action}")
            shared.record(op, status, (time.perf_counter() - start) * 1000, data)
            if status == 200:
                entry[2] = not yanked
        else:
            with shared.lock:
                name, vers = rng.choice(shared.published)
            start = time.perf_counter()
            status, data = conn.request("GET", f"/api/v1/crates/{name}/{vers}/download")
            shared.record(op, status, (time.perf_counter() - start) * 1000, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the server, http://127.0.0.1:PORT")
    parser.add_argument("--tokens", required=True, help="a file with one API token a line, one per client")
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pid", type=int, default=None, help="the server's process id, to sample its RSS")
    parser.add_argument("--max-versions", type=int, default=0,
                        help="publishes per client, after which it only yanks, un-yanks and downloads (0: no cap)")
    args = parser.parse_args()
    parsed = urllib.parse.urlsplit(args.url)
    if parsed.hostname != "127.0.0.1":
        sys.exit(f"refusing to load {parsed.hostname}: only 127.0.0.1")
    args.host, args.port = parsed.hostname, parsed.port
    with open(args.tokens) as f:
        tokens = [line.strip() for line in f if line.strip()]
    if len(tokens) < args.clients:
        sys.exit(f"{args.clients} clients need {args.clients} tokens, {args.tokens} has {len(tokens)}")

    shared = Shared()
    deadline = time.monotonic() + args.duration
    threads = [
        threading.Thread(target=client, args=(i, tokens[i], args, shared, deadline), daemon=True)
        for i in range(args.clients)
    ]
    rss = []  # (seconds since start, KiB)
    sampling = threading.Event()

    def sample_rss():
        started = time.monotonic()
        while not sampling.is_set():
            try:
                with open(f"/proc/{args.pid}/status") as f:
                    kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
                rss.append((time.monotonic() - started, kib))
            except (OSError, StopIteration):
                pass
            sampling.wait(1)

    sampler = threading.Thread(target=sample_rss, daemon=True)
    if args.pid:
        sampler.start()
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        # A request in flight at the deadline has the client's 60 s timeout to finish.
        t.join(args.duration + 120)
    wall = time.perf_counter() - wall
    sampling.set()

    ops = {}
    for (op, status), n in sorted(shared.counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        ops.setdefault(op, {"statuses": {}})["statuses"][str(status)] = n
    for op, entry in ops.items():
        lat = sorted(shared.latencies.get(op, []))
        statuses = entry["statuses"]
        entry["total"] = sum(statuses.values())
        entry["5xx"] = sum(n for s, n in statuses.items() if s.isdigit() and int(s) >= 500)
        entry["errors"] = statuses.get("error", 0)
        entry["p50_ms"] = round(percentile(lat, 50), 1)
        entry["p99_ms"] = round(percentile(lat, 99), 1)
    result = {
        "clients": args.clients,
        "max_versions_per_client": args.max_versions,
        "duration_s": round(wall, 1),
        "requests": sum(shared.counts.values()),
        "5xx": sum(e["5xx"] for e in ops.values()),
        "connection_errors": sum(e["errors"] for e in ops.values()),
        "ops": ops,
        "error_samples": shared.samples,
    }
    if rss:
        warm = min(30, args.duration / 6)
        after_warmup = [kib for t, kib in rss if t >= warm] or [rss[-1][1]]
        mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
        result["rss_mib"] = {
            "start": mib(rss[0][1]),
            "after_warmup": mib(after_warmup[0]),
            "end": mib(rss[-1][1]),
            "max": mib(max(kib for _, kib in rss)),
            "max_after_warmup": mib(max(after_warmup)),
            "samples": len(rss),
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
