#!/usr/bin/env python3
"""Publish crates to a Wharf server for the benchmark (standard library only).

Two sub-commands:

  populate  fill the index: many small crates with a few versions each, plus one crate with many
            versions whose index file is the target of the wrk runs.
  measure   publish N versions of a crate whose .crate file is about SIZE bytes, one after the other
            over a single keep-alive connection, and print publishes/s and latency percentiles as
            JSON on standard output.

Every publish is `PUT /api/v1/crates/new` with cargo's framing: u32 LE JSON length, the JSON
metadata, u32 LE .crate length, the .crate (a gzip'd tar under `name-version/`).
"""

import argparse
import base64
import gzip
import http.client
import io
import json
import os
import struct
import sys
import tarfile
import time
import urllib.parse

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (benchmark script in bench/publish.py)"
# A fixed tar mtime keeps the archives reproducible apart from the random payload.
MTIME = 1_700_000_000


def manifest(name, vers, description):
    return (
        "[package]\n"
        f'name = "{name}"\n'
        f'version = "{vers}"\n'
        'edition = "2021"\n'
        f'description = "{description}"\n'
        'license = "MIT"\n'
    ).encode()


def make_crate(name, vers, description, payload=b""):
    """A .crate: gzip'd tar with Cargo.toml and src/lib.rs; `payload` (text) is appended to lib.rs."""
    lib = f"//! {description}\n\npub fn version() -> &'static str {{\n    \"{vers}\"\n}}\n".encode()
    files = [
        ("Cargo.toml", manifest(name, vers, description)),
        ("src/lib.rs", lib + payload),
    ]
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for path, data in files:
            info = tarfile.TarInfo(f"{name}-{vers}/{path}")
            info.size = len(data)
            info.mtime = MTIME
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), compresslevel=6, mtime=MTIME)


def publish_body(name, vers, description, crate):
    meta = json.dumps(
        {
            "name": name,
            "vers": vers,
            "deps": [],
            "features": {},
            "authors": ["Wharf bench <bench@example.org>"],
            "description": description,
            "license": "MIT",
        }
    ).encode()
    return struct.pack("<I", len(meta)) + meta + struct.pack("<I", len(crate)) + crate


def random_payload(size):
    """About `size` bytes of Rust comment lines that gzip cannot shrink much (random base64)."""
    # base64 carries 6 bits a character; gzip gets close to that, so aim the text at size * 4/3.
    text = base64.b64encode(os.urandom(size)).decode()
    lines = [text[i : i + 96] for i in range(0, len(text), 96)]
    return ("\n" + "\n".join(f"// {line}" for line in lines) + "\n").encode()


class Client:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, url, token):
        parsed = urllib.parse.urlsplit(url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"refusing to publish to {parsed.hostname}: the benchmark only uses loopback")
        self.host = parsed.hostname
        self.port = parsed.port
        self.token = token
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.reconnects = 0

    def put(self, body):
        """Sends one publish and returns (status, parsed JSON or text, seconds taken)."""
        headers = {
            "Authorization": self.token,
            "User-Agent": USER_AGENT,
            "Content-Type": "application/octet-stream",
            "Accept": "application/json",
        }
        for attempt in range(2):
            start = time.perf_counter()
            try:
                self.conn.request("PUT", "/api/v1/crates/new", body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - start
                break
            except (http.client.HTTPException, ConnectionError) as e:
                # The server closed the keep-alive connection: open a new one once.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.reconnects += 1
                if attempt == 1:
                    raise RuntimeError(f"publish failed: {e}") from e
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.reconnects += 1
        try:
            parsed = json.loads(data)
        except ValueError:
            parsed = data.decode(errors="replace")
        return response.status, parsed, elapsed


def check(status, parsed, what):
    if status != 200 or (isinstance(parsed, dict) and parsed.get("errors")):
        sys.exit(f"publishing {what} failed: HTTP {status}: {parsed}")


def populate(args):
    client = Client(args.url, args.token)
    count = 0
    start = time.perf_counter()
    for i in range(1, args.crates + 1):
        name = f"bench-crate-{i}"
        for v in range(args.versions):
            vers = f"0.{v}.0"
            desc = f"Benchmark filler crate number {i}"
            status, parsed, _ = client.put(publish_body(name, vers, desc, make_crate(name, vers, desc)))
            check(status, parsed, f"{name} {vers}")
            count += 1
    name = args.target
    for v in range(args.target_versions):
        vers = f"1.{v}.0"
        desc = "The crate whose index file the benchmark requests"
        status, parsed, _ = client.put(publish_body(name, vers, desc, make_crate(name, vers, desc)))
        check(status, parsed, f"{name} {vers}")
        count += 1
    took = time.perf_counter() - start
    print(
        f"populated: {count} publishes ({args.crates} crates x {args.versions} versions + "
        f"{args.target} x {args.target_versions}) in {took:.1f} s",
        file=sys.stderr,
    )


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(-(-p * len(sorted_values) // 100))))
    return sorted_values[rank - 1]


def measure(args):
    client = Client(args.url, args.token)
    desc = "A crate of about 100 KB for the publish benchmark"
    # Build every upload before the clock starts: only the HTTP round trip is timed.
    bodies = []
    for v in range(args.count + args.warmup):
        vers = f"0.{v}.0" if args.mode == "versions" else "1.0.0"
        name = args.name if args.mode == "versions" else f"{args.name}-{v}"
        crate = make_crate(name, vers, desc, random_payload(args.size))
        bodies.append((name, vers, len(crate), publish_body(name, vers, desc, crate)))
    for name, vers, _, body in bodies[: args.warmup]:
        status, parsed, _ = client.put(body)
        check(status, parsed, f"{name} {vers}")
    latencies = []
    wall_start = time.perf_counter()
    for name, vers, _, body in bodies[args.warmup :]:
        status, parsed, elapsed = client.put(body)
        check(status, parsed, f"{name} {vers}")
        latencies.append(elapsed * 1000)
    wall = time.perf_counter() - wall_start
    ordered = sorted(latencies)
    crate_sizes = [size for _, _, size, _ in bodies]
    result = {
        "mode": args.mode,
        "count": len(latencies),
        "warmup": args.warmup,
        "crate_bytes_mean": round(sum(crate_sizes) / len(crate_sizes)),
        "seconds": round(wall, 3),
        "publishes_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(ordered, 50), 2),
        "p90_ms": round(percentile(ordered, 90), 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "max_ms": round(ordered[-1], 2),
        "mean_ms": round(sum(ordered) / len(ordered), 2),
        "reconnects": client.reconnects,
    }
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8787")
    parser.add_argument("--token", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("populate")
    p.add_argument("--crates", type=int, default=200)
    p.add_argument("--versions", type=int, default=2)
    p.add_argument("--target", default="bench-index-target")
    p.add_argument("--target-versions", type=int, default=50)
    m = sub.add_parser("measure")
    m.add_argument("--count", type=int, default=200)
    m.add_argument("--warmup", type=int, default=5)
    m.add_argument("--size", type=int, default=100_000, help="compressed .crate size to aim at, bytes")
    m.add_argument("--name", default="bench-heavy")
    m.add_argument(
        "--mode",
        choices=["versions", "crates"],
        default="versions",
        help="publish new versions of one crate, or a new crate each time",
    )
    args = parser.parse_args()
    {"populate": populate, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
