#!/usr/bin/env python3
"""Thousands of half-open connections against one Wharf server (standard library + cargo).

Starts a release `wharf serve` on 127.0.0.1 (fresh data directory, SQLite, default connection
limits: 15 s to send headers), publishes one crate, then opens HALF_OPEN connections that never
finish a request: half of them send nothing, half send part of a request's headers. While they are
open it times, from outside:

  /health     ten requests, one after another, each on a new connection;
  cargo fetch a real `cargo fetch` (isolated CARGO_HOME, the registry as a sparse index) of a
              project depending on the published crate: config.json, the index file, the .crate.

Then it waits for the server to close every half-open connection and reports when the last one
closed, counted from when it was opened (the header deadline is what closes them). Prints JSON.

    python3 bench/slow_clients.py [--wharf target/release/wharf] [--half-open 2000]
"""

import argparse
import json
import os
import resource
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import make_crate, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (half-open connections in bench/slow_clients.py)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--wharf", default=os.path.join(root, "target/release/wharf"))
    parser.add_argument("--half-open", type=int, default=2000)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.half_open + 512)), hard))

    work = tempfile.mkdtemp(prefix="wharf-slow.")
    data = os.path.join(work, "data")
    cli = [args.wharf, "--data-dir", data]
    subprocess.run(cli + ["migrate"], check=True, capture_output=True)
    subprocess.run(cli + ["user", "add", "slow", "--email", "slow@example.org"], check=True, capture_output=True)
    token = subprocess.run(cli + ["token", "new", "slow"], check=True, capture_output=True).stdout.decode().strip()
    server = subprocess.Popen(cli + ["serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                              stderr=open(os.path.join(work, "wharf.err"), "w"),
                              env={**os.environ, "RUST_LOG": "warn"})
    try:
        line = server.stdout.readline().decode()
        port = int(line.rsplit(":", 1)[1])
        url = f"http://127.0.0.1:{port}"
        crate = make_crate("slow-target", "1.0.0", "The crate fetched while the server is crowded")
        request = urllib.request.Request(f"{url}/api/v1/crates/new", method="PUT",
                                         data=publish_body("slow-target", "1.0.0", "x", crate),
                                         headers={"Authorization": token, "User-Agent": USER_AGENT})
        urllib.request.urlopen(request).read()

        # The crowd.
        opened = {}
        selector = selectors.DefaultSelector()
        started = time.monotonic()
        for i in range(args.half_open):
            s = socket.create_connection(("127.0.0.1", port))
            if i % 2:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never-Finished: ")
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ)
            opened[s] = time.monotonic()
        open_seconds = time.monotonic() - started

        health = []
        for _ in range(10):
            t = time.monotonic()
            with urllib.request.urlopen(urllib.request.Request(f"{url}/health", headers={"User-Agent": USER_AGENT})) as r:
                assert r.status == 200
            health.append(time.monotonic() - t)

        home = os.path.join(work, "cargo-home")
        os.makedirs(home)
        with open(os.path.join(home, "config.toml"), "w") as f:
            f.write(f'[registries.wharf]\nindex = "sparse+{url}/index/"\n')
        project = os.path.join(work, "app")
        os.makedirs(os.path.join(project, "src"))
        with open(os.path.join(project, "Cargo.toml"), "w") as f:
            f.write('[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n'
                    '[dependencies]\nslow-target = { version = "1", registry = "wharf" }\n')
        with open(os.path.join(project, "src", "main.rs"), "w") as f:
            f.write("fn main() {}\n")
        t = time.monotonic()
        fetch = subprocess.run(["cargo", "fetch", "--quiet"], cwd=project, capture_output=True,
                               env={**os.environ, "CARGO_HOME": home})
        fetch_seconds = time.monotonic() - t
        if fetch.returncode != 0:
            sys.exit(f"cargo fetch failed: {fetch.stderr.decode()}")

        # Wait for the server to close them all.
        lifetimes = []
        deadline = time.monotonic() + 120
        while opened and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=1):
                s = key.fileobj
                try:
                    data_read = s.recv(4096)
                except (ConnectionResetError, BlockingIOError):
                    data_read = b""
                if not data_read:
                    lifetimes.append(time.monotonic() - opened.pop(s))
                    selector.unregister(s)
                    s.close()
        result = {
            "half_open": args.half_open,
            "seconds_to_open_them": round(open_seconds, 2),
            "health_seconds_max": round(max(health), 4),
            "health_seconds_median": round(sorted(health)[len(health) // 2], 4),
            "cargo_fetch_seconds": round(fetch_seconds, 3),
            "closed_by_server": len(lifetimes),
            "still_open_after_120s": len(opened),
            "lifetime_seconds_min": round(min(lifetimes), 2) if lifetimes else None,
            "lifetime_seconds_max": round(max(lifetimes), 2) if lifetimes else None,
            "server_fds_after": len(os.listdir(f"/proc/{server.pid}/fd")),
        }
        json.dump(result, sys.stdout, indent=2)
        print()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
