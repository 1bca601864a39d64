#!/usr/bin/env python3
"""Search at scale: fill a Wharf database with synthetic crates, then time searches over HTTP.

  populate  write COUNT crates straight into the `crates` table (names, descriptions, keywords
            and search text made from a fixed vocabulary with a Zipf-like spread, so that some
            words are in a third of all crates and most in a handful), in one transaction:
            SQLite through the sqlite3 module, PostgreSQL through `psql \\copy`. The full-text
            index is kept by the database itself (FTS5 triggers, a generated tsvector column).
  measure   send each query of a fixed mix (a common word, a rare word, a name, two words, a
            prefix, no match) ROUNDS times over one keep-alive connection and print, as JSON,
            the p50/p99 latency of each kind and of all, in milliseconds.

Standard library only. The crates have no versions: search reads the crates table, and the list
it answers with counts versions and recent downloads with one query each either way.
"""

import argparse
import csv
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

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (benchmark script in bench/search.py)"
SYLLABLES = [
    "ar", "ba", "co", "de", "el", "fi", "go", "ha", "io", "ju", "ka", "lo", "mi", "no", "or",
    "pa", "qu", "ra", "se", "to", "ul", "ve", "wi", "xe", "yo", "za", "sync", "net", "json",
    "log", "fmt", "rand", "http", "tok", "serd", "core", "util", "derive", "macro", "test",
]


def vocabulary(size, rng):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))))
    return sorted(words)


_WEIGHTS = {}


def zipf_pick(words, rng):
    # The word of rank r is drawn with weight 1/r (Zipf's law, as in prose): of 5,000 words the
    # first is one pick in nine, so it is in most descriptions, like "a" or "for"; most are rare.
    n = len(words)
    if n not in _WEIGHTS:
        total, cumulative = 0.0, []
        for rank in range(1, n + 1):
            total += 1.0 / rank
            cumulative.append(total)
        _WEIGHTS[n] = cumulative
    return rng.choices(words, cum_weights=_WEIGHTS[n])[0]


SEED = 7


def synthetic_crates(count, seed=SEED):
    rng = random.Random(seed)
    words = vocabulary(5000, rng)
    names = set()
    now = int(time.time() * 1000)
    for i in range(count):
        while True:
            name = "-".join(zipf_pick(words, rng) for _ in range(rng.randint(1, 3)))
            if name not in names:
                names.add(name)
                break
        description = " ".join(zipf_pick(words, rng) for _ in range(rng.randint(6, 16)))
        keywords = sorted({zipf_pick(words, rng) for _ in range(rng.randint(0, 5))})
        search_text = " ".join(
            [name, name.replace("-", " ").replace("_", " "), description] + keywords
        ).lower()
        yield {
            "name": name,
            "canonical_name": name.replace("-", "_").lower(),
            "description": description,
            "keywords": json.dumps(keywords),
            "search_text": search_text,
            "max_version": "1.0.0",
            "max_stable_version": "1.0.0",
            "downloads": int(rng.paretovariate(0.8) * 10),
            "created_at": now - i * 1000,
            "updated_at": now - i * 1000,
        }


COLUMNS = [
    "name", "canonical_name", "description", "keywords", "search_text", "max_version",
    "max_stable_version", "downloads", "created_at", "updated_at",
]


def populate(args):
    started = time.time()
    rows = synthetic_crates(args.count)
    if args.database_url.startswith("sqlite:"):
        path = args.database_url.split(":", 1)[1].lstrip("/")
        path = "/" + path if args.database_url.startswith("sqlite:///") else path
        path = path.split("?")[0]
        db = sqlite3.connect(path)
        placeholders = ", ".join("?" for _ in COLUMNS)
        with db:
            db.executemany(
                f"INSERT INTO crates ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                ([row[c] for c in COLUMNS] for row in rows),
            )
        db.close()
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
            writer = csv.writer(f)
            for row in rows:
                writer.writerow([row[c] for c in COLUMNS])
            csv_path = f.name
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", args.database_url, "-c",
             f"\\copy crates ({', '.join(COLUMNS)}) FROM '{csv_path}' CSV"],
            check=True,
        )
        subprocess.run(["psql", "-q", args.database_url, "-c", "ANALYZE crates"], check=True)
        os.unlink(csv_path)
    print(json.dumps({"crates": args.count, "seconds": round(time.time() - started, 1)}))


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def measure(args):
    # The populating vocabulary: drawn first from the same seed.
    words = vocabulary(5000, random.Random(SEED))
    url = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    kinds = {
        "common word": [words[0], words[1], words[2]],
        "rare word": [words[-1], words[-50], words[-400]],
        "two words": [f"{words[0]} {words[3]}", f"{words[5]} {words[40]}"],
        "prefix": [words[0][:3], words[7][:2]],
        "name": [],
        "no match": ["zzzqqq", "nothing here at all"],
    }
    # Names that exist: the first synthetic crates.
    kinds["name"] = [row["name"] for row, _ in zip(synthetic_crates(args.count), range(3))]
    latencies = {kind: [] for kind in kinds}
    # The first time each query is asked (nothing of it kept by the server yet) and the others,
    # apart as well as together: the server keeps broad searches' answers for a minute.
    first_round, later_rounds = [], []
    for round_number in range(args.rounds):
        for kind, queries in kinds.items():
            for query in queries:
                path = "/api/v1/crates?" + urllib.parse.urlencode({"q": query, "per_page": 10})
                started = time.perf_counter()
                connection.request("GET", path, headers={"User-Agent": USER_AGENT})
                response = connection.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - started) * 1000
                latencies[kind].append(elapsed)
                (later_rounds if round_number else first_round).append(elapsed)
                if response.status != 200:
                    sys.exit(f"{path}: {response.status} {body[:200]!r}")
    everything = [ms for samples in latencies.values() for ms in samples]
    report = {
        kind: {"p50_ms": round(percentile(s, 50), 2), "p99_ms": round(percentile(s, 99), 2)}
        for kind, s in latencies.items()
    }
    report["first round"] = {
        "requests": len(first_round),
        "p50_ms": round(percentile(first_round, 50), 2),
        "max_ms": round(max(first_round), 2),
    }
    report["later rounds"] = {
        "requests": len(later_rounds),
        "p50_ms": round(percentile(later_rounds, 50), 2),
        "p99_ms": round(percentile(later_rounds, 99), 2),
    }
    report["all"] = {
        "requests": len(everything),
        "p50_ms": round(percentile(everything, 50), 2),
        "p99_ms": round(percentile(everything, 99), 2),
    }
    print(json.dumps(report, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("populate")
    p.add_argument("--database-url", required=True)
    p.add_argument("--count", type=int, required=True)
    m = sub.add_parser("measure")
    m.add_argument("--url", required=True)
    m.add_argument("--count", type=int, required=True, help="as populated (to know the names)")
    m.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    {"populate": populate, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
