#!/usr/bin/env python3
"""The scale run: a registry of COUNT synthetic crates with VERSIONS versions each, and what serving
it costs (standard library only).

  populate  write the crates (bench/search.py's synthetic crates) and their versions straight into
            the database, in one transaction (SQLite through the sqlite3 module, PostgreSQL through
            `psql \\copy`), each crate marked as having an index file to write: the server's
            start-up repair then materialises every index file, as it would after a crash.
  measure   against a running server: index GETs of random crates (p50/p99, two passes: the first
            reads files the cache does not hold yet), the search mix (bench/search.py), and
            sequential publishes of a ~10 KB crate (bench/publish.py), printed as JSON.

Used by bench/scale.sh, which times loading and start-up and reads memory and disk use.
"""

import argparse
import csv
import hashlib
import http.client
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search  # noqa: E402
from publish import make_crate, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (bench/scale.py)"
CRATE_COLUMNS = search.COLUMNS + ["index_generation"]
VERSION_COLUMNS = ["crate_id", "num", "num_no_build", "cksum", "features", "crate_size", "license",
                   "description", "created_at", "updated_at"]


def version_numbers(count):
    """`count` increasing version numbers: 0.1.0, 0.2.0, …, then 1.0.0, 1.1.0, …"""
    numbers = [f"0.{i + 1}.0" for i in range(max(count - 2, 0))]
    numbers += [f"1.{i}.0" for i in range(min(count, 2))]
    return numbers[:count]


def crate_rows(count, versions):
    newest = version_numbers(versions)[-1]
    for row in search.synthetic_crates(count):
        # The registry's canonical form: lower case, `-` written as `_`.
        row["canonical_name"] = row["name"].replace("-", "_").lower()
        row["max_version"] = row["max_stable_version"] = newest
        row["index_generation"] = 1
        yield row


def version_rows(ids, versions):
    numbers = version_numbers(versions)
    for crate_id, created_at, description in ids:
        for i, num in enumerate(numbers):
            yield [crate_id, num, num, hashlib.sha256(f"{crate_id}-{num}".encode()).hexdigest(), "{}",
                   10_000 + i, "MIT", description, created_at + i, created_at + i]


def populate(args):
    started = time.time()
    if args.database_url.startswith("sqlite:"):
        path = args.database_url.split("://", 1)[1].split("?")[0]
        db = sqlite3.connect(path)
        with db:
            placeholders = ", ".join("?" for _ in CRATE_COLUMNS)
            db.executemany(
                f"INSERT INTO crates ({', '.join(CRATE_COLUMNS)}) VALUES ({placeholders})",
                ([row[c] for c in CRATE_COLUMNS] for row in crate_rows(args.count, args.versions)))
            ids = db.execute("SELECT id, created_at, description FROM crates ORDER BY id").fetchall()
            placeholders = ", ".join("?" for _ in VERSION_COLUMNS)
            db.executemany(
                f"INSERT INTO versions ({', '.join(VERSION_COLUMNS)}) VALUES ({placeholders})",
                version_rows(ids, args.versions))
        db.close()
    else:
        def copy(table, columns, rows):
            with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
                csv.writer(f).writerows(rows)
                csv_path = f.name
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", args.database_url, "-c",
                            f"\\copy {table} ({', '.join(columns)}) FROM '{csv_path}' CSV"], check=True)
            os.unlink(csv_path)

        copy("crates", CRATE_COLUMNS,
             ([row[c] for c in CRATE_COLUMNS] for row in crate_rows(args.count, args.versions)))
        listed = subprocess.run(
            ["psql", "-q", "-A", "-t", "-F", "\t", args.database_url, "-c",
             "SELECT id, created_at, description FROM crates ORDER BY id"],
            check=True, capture_output=True, text=True).stdout
        ids = [(int(i), int(at), d) for i, at, d in (line.split("\t", 2) for line in listed.splitlines() if line)]
        copy("versions", VERSION_COLUMNS, version_rows(ids, args.versions))
        subprocess.run(["psql", "-q", args.database_url, "-c", "ANALYZE"], check=True)
    print(json.dumps({"crates": args.count, "versions": args.count * args.versions,
                      "seconds": round(time.time() - started, 1)}))


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def index_path(name):
    name = name.lower()
    if len(name) <= 2:
        return f"{len(name)}/{name}"
    if len(name) == 3:
        return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"


def measure(args):
    url = urllib.parse.urlparse(args.url)
    names = [row["name"] for row in search.synthetic_crates(args.count)]
    rng = random.Random(7)
    picks = [rng.choice(names) for _ in range(args.index_requests)]
    report = {}
    connection = http.client.HTTPConnection(url.hostname, url.port)
    for label in ("index GET, first pass", "index GET, second pass"):
        samples = []
        for name in picks:
            started = time.perf_counter()
            connection.request("GET", "/index/" + index_path(name), headers={"User-Agent": USER_AGENT})
            response = connection.getresponse()
            response.read()
            samples.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                sys.exit(f"index file of {name}: {response.status}")
        report[label] = {"requests": len(samples), "p50_ms": round(percentile(samples, 50), 3),
                         "p99_ms": round(percentile(samples, 99), 3)}
    searched = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "search.py"), "measure",
                               "--url", args.url, "--count", str(args.count), "--rounds", str(args.search_rounds)],
                              check=True, capture_output=True, text=True).stdout
    report["search"] = json.loads(searched)
    # A fresh connection: the one above sat idle through the searches, past the server's idle limit.
    connection = http.client.HTTPConnection(url.hostname, url.port)
    samples = []
    for i in range(args.publishes + 5):
        version = f"1.0.{i}"
        crate = make_crate("scale-probe", version, "A crate published at scale", b"// " + b"x" * 9_000 + b"\n")
        body = publish_body("scale-probe", version, "A crate published at scale", crate)
        started = time.perf_counter()
        connection.request("PUT", "/api/v1/crates/new", body=body,
                           headers={"User-Agent": USER_AGENT, "Authorization": args.token})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            sys.exit(f"publish {version}: {response.status} {answer[:200]!r}")
        if i >= 5:  # the first five warm up
            samples.append((time.perf_counter() - started) * 1000)
    report["publish"] = {"publishes": len(samples), "p50_ms": round(percentile(samples, 50), 2),
                         "p99_ms": round(percentile(samples, 99), 2)}
    print(json.dumps(report, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("populate")
    p.add_argument("--database-url", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--versions", type=int, default=5)
    m = sub.add_parser("measure")
    m.add_argument("--url", required=True)
    m.add_argument("--token", required=True)
    m.add_argument("--count", type=int, required=True, help="as populated (to know the names)")
    m.add_argument("--index-requests", type=int, default=5000)
    m.add_argument("--search-rounds", type=int, default=20)
    m.add_argument("--publishes", type=int, default=100)
    args = parser.parse_args()
    {"populate": populate, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
