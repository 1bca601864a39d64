#!/usr/bin/env python3
"""What one API request costs, end to end over loopback, for one or more wharf binaries: to compare
builds (e.g. before and after the per-address limit moved into the database on PostgreSQL).

For each binary: a fresh PostgreSQL database (or SQLite with --sqlite), `wharf serve`, one crate
published, then ROUNDS x REQUESTS sequential `GET /api/v1/crates/NAME` over one keep-alive
connection (the per-address limit raised so that none is refused). Prints p50/p99 in ms per
binary as JSON (standard library only). Binaries are measured in turn, round by round, so that
the machine's drift hits them alike.

  python3 bench/api_latency.py OLD_WHARF NEW_WHARF [--database-url postgres://…/postgres]
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import make_crate, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (bench/api_latency.py)"


class Server:
    def __init__(self, binary, admin_url, sqlite, label):
        self.work = tempfile.mkdtemp(prefix="wharf-api-latency.")
        self.admin_url = admin_url
        self.database = None
        if sqlite:
            self.url = f"sqlite://{self.work}/wharf.db"
        else:
            self.database = f"wharf_api_latency_{os.getpid()}_{label}"
            subprocess.run(["psql", admin_url, "-q", "-c", f"CREATE DATABASE {self.database}"], check=True)
            self.url = admin_url.rsplit("/", 1)[0] + "/" + self.database
        config = os.path.join(self.work, "wharf.toml")
        with open(config, "w") as f:
            f.write("api_requests_per_second = 1000000\napi_burst = 1000000\ndump_interval_hours = 0\n")
        self.base = [binary, "--config", config, "--data-dir", os.path.join(self.work, "data"),
                     "--database-url", self.url]
        self.process = subprocess.Popen(self.base + ["serve", "--listen", "127.0.0.1:0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.process.stdout.readline().decode()
        self.port = int(line.strip().rsplit(":", 1)[1])
        subprocess.run(self.base + ["user", "add", "bench", "--email", "bench@example.org"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        token = subprocess.run(self.base + ["token", "new", "bench"], check=True, capture_output=True
                               ).stdout.decode().strip()
        crate = make_crate("latency-probe", "1.0.0", "A crate to read")
        body = publish_body("latency-probe", "1.0.0", "A crate to read", crate)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("PUT", "/api/v1/crates/new", body=body,
                           headers={"User-Agent": USER_AGENT, "Authorization": token})
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def timed_gets(self, count):
        samples = []
        for _ in range(count):
            started = time.perf_counter()
            self.connection.request("GET", "/api/v1/crates/latency-probe", headers={"User-Agent": USER_AGENT})
            response = self.connection.getresponse()
            response.read()
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status == 200, response.status
        return samples

    def stop(self):
        self.process.kill()
        self.process.wait()
        if self.database:
            subprocess.run(["psql", self.admin_url, "-q", "-c",
                            f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"], check=False)
        shutil.rmtree(self.work, ignore_errors=True)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--database-url", default=os.environ.get(
        "WHARF_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    servers = [Server(binary, args.database_url, args.sqlite, str(i)) for i, binary in enumerate(args.binaries)]
    samples = {binary: [] for binary in args.binaries}
    try:
        for server in servers:
            server.timed_gets(100)  # warm-up
        for _ in range(args.rounds):
            for binary, server in zip(args.binaries, servers):
                samples[binary].extend(server.timed_gets(args.requests))
    finally:
        for server in servers:
            server.stop()
    json.dump({
        "database": "sqlite" if args.sqlite else "postgres",
        "requests_per_binary": args.rounds * args.requests,
        "results": {binary: {"p50_ms": round(percentile(s, 50), 3), "p99_ms": round(percentile(s, 99), 3)}
                    for binary, s in samples.items()},
    }, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
