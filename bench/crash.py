#!/usr/bin/env python3
"""Kill -9 under load, then check that nothing acknowledged was lost (standard library only).

One data directory and database for the whole run (SQLite, or a fresh PostgreSQL database with
--database-url ADMIN_URL). Each trial starts a release `wharf serve` on 127.0.0.1, lets CLIENTS
clients publish new versions and yank or un-yank their versions as fast as they can, and kills
the server with SIGKILL after a random 0.2-1.5 s: in the middle of publishes (between the stored
file and the commit, between the commit and the index file), yanks and download-count flushes.
The server is then started again (which repairs what it can) and checked against what the clients
were told:

  lost        an acknowledged publish (200) that is not in the registry, or an acknowledged yank
              or un-yank whose state is not the version's state (versions with a request still in
              flight at the kill may be either way, and are taken as the registry says);
  checksum    a download whose SHA-256 is not the one of the .crate the client sent, or a version
              whose checksum in the API is not it;
  index       an index line that disagrees with the API (versions, checksums, yanked flags), for
              every crate the run touched;
  leftovers   after the restart: a temporary index file, or a .crate file in the store that no
              version names (the run sets the orphan grace to 0 s, so a restart removes them all).

Prints a JSON summary; a non-zero exit when any count is not zero. See RELIABILITY.md, "Crashes".

    python3 bench/crash.py [--wharf target/release/wharf] [--trials 100] [--clients 4]
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import make_crate, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (kill -9 trials in bench/crash.py)"


class Registry:
    """The data directory, the database and the server process of the run."""

    def __init__(self, wharf, database_url, clients):
        self.work = tempfile.mkdtemp(prefix="wharf-crash.")
        self.data = os.path.join(self.work, "data")
        os.makedirs(self.data)
        self.db_name = None
        if database_url:
            self.admin_url = database_url
            self.db_name = f"wharf_crash_{os.getpid()}"
            subprocess.run(["psql", database_url, "-qc", f"CREATE DATABASE {self.db_name}"], check=True)
            db_url = database_url.rsplit("/", 1)[0] + "/" + self.db_name
        else:
            db_url = f"sqlite://{self.data}/wharf.db"
        config = os.path.join(self.work, "wharf.toml")
        with open(config, "w") as f:
            f.write("api_requests_per_second = 1000000\napi_burst = 1000000\nleftover_grace_seconds = 0\n")
        self.cli = [wharf, "--config", config, "--data-dir", self.data, "--database-url", db_url]
        subprocess.run(self.cli + ["migrate"], check=True, capture_output=True)
        self.tokens = []
        for i in range(clients):
            login = f"crasher{i}"
            subprocess.run(self.cli + ["user", "add", login, "--email", f"{login}@example.org"],
                           check=True, capture_output=True)
            self.tokens.append(subprocess.run(self.cli + ["token", "new", login], check=True,
                                              capture_output=True).stdout.decode().strip())
            for action in ("publish-new", "publish-update", "yank"):
                subprocess.run(self.cli + ["admin", "rate-limit", login, action, "--burst", "1000000",
                                           "--period-seconds", "1"], check=True, capture_output=True)
        self.process = None
        self.port = None
        self.log = open(os.path.join(self.work, "wharf.err"), "w")

    def start(self):
        self.process = subprocess.Popen(
            self.cli + ["serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=self.log,
            env={**os.environ, "RUST_LOG": "warn", "WHARF_DOWNLOAD_FLUSH_SECONDS": "1"},
        )
        line = self.process.stdout.readline().decode()
        if not line.startswith("Wharf listening on http://127.0.0.1:"):
            sys.exit(f"the server did not start: {line!r}; see {self.work}/wharf.err")
        self.port = int(line.rsplit(":", 1)[1])

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self, keep):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        if self.db_name:
            subprocess.run(["psql", self.admin_url, "-qc",
                            f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)"], check=False)
        if not keep:
            subprocess.run(["rm", "-rf", self.work])

    def files_on_disk(self):
        """Temporary index files, and files in the crate store (staged uploads included)."""
        temporary = sum(f.startswith(".tmp-") for _, _, files in os.walk(os.path.join(self.data, "index"))
                        for f in files)
        stored = sum(len(files) for _, _, files in os.walk(os.path.join(self.data, "crates")))
        return temporary, stored

    def request(self, method, path, token=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            headers = {"User-Agent": USER_AGENT}
            if token:
                headers["Authorization"] = token
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        except OSError:
            return None, b""
        finally:
            conn.close()


class Ledger:
    """What the clients were told: acknowledged publishes and the last acknowledged yank state."""

    def __init__(self):
        self.lock = threading.Lock()
        self.versions = {}  # (name, vers) -> {"sha": hex, "yanked": bool, "pending": bool}
        self.attempted = set()  # names with a publish attempt, acknowledged or not
        self.acknowledged_writes = 0


def client(registry, ledger, index, trial, token, stop, seed):
    rng = random.Random(seed * 100_000 + trial * 100 + index)
    counter = 0
    while not stop.is_set():
        with ledger.lock:
            mine = [k for k, v in ledger.versions.items() if k[0].startswith(f"crash-c{index}-")]
        if mine and rng.random() < 0.4:
            key = rng.choice(mine)
            with ledger.lock:
                state = ledger.versions[key]
                if state["pending"]:
                    continue
                state["pending"] = True
                yanked = state["yanked"]
            method, action = ("PUT", "unyank") if yanked else ("DELETE", "yank")
            status, _ = registry.request(method, f"/api/v1/crates/{key[0]}/{key[1]}/{action}", token)
            with ledger.lock:
                if status == 200:
                    state["yanked"] = not yanked
                    state["pending"] = False
                    ledger.acknowledged_writes += 1
                elif status is not None:
                    state["pending"] = False
                # No answer: the yank may or may not have happened; it stays pending.
            if status is None:
                return
        else:
            name = f"crash-c{index}-t{trial}-{counter // 5}"
            vers = f"0.{counter % 5}.0"
            counter += 1
            crate = make_crate(name, vers, "A crate published under kill -9", os.urandom(64).hex().encode())
            with ledger.lock:
                ledger.attempted.add(name)
            status, _ = registry.request("PUT", "/api/v1/crates/new", token,
                                         publish_body(name, vers, "A crate published under kill -9", crate))
            if status == 200:
                with ledger.lock:
                    ledger.versions[(name, vers)] = {
                        "sha": hashlib.sha256(crate).hexdigest(), "yanked": False, "pending": False}
                    ledger.acknowledged_writes += 1
            if status is None:
                return


def index_path(name):
    name = name.lower()
    if len(name) <= 2:
        return f"{len(name)}/{name}"
    if len(name) == 3:
        return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"


def check(registry, ledger, problems):
    """Compares the registry with the ledger; adopts the registry's state for pending versions."""
    counts = {"lost": 0, "checksum": 0, "index": 0, "leftovers": 0}

    def problem(kind, text):
        counts[kind] += 1
        if len(problems) < 20:
            problems.append(f"{kind}: {text}")

    api_versions = {}
    for name in sorted(ledger.attempted):
        status, body = registry.request("GET", f"/api/v1/crates/{name}/versions")
        versions = {}
        if status == 200:
            versions = {v["num"]: v for v in json.loads(body)["versions"]}
        api_versions[name] = versions
        # The index file against the API, for every crate touched (committed or not).
        status, body = registry.request("GET", f"/index/{index_path(name)}")
        lines = {}
        if status == 200:
            for line in body.decode().splitlines():
                entry = json.loads(line)
                lines[entry["vers"]] = entry
        if set(lines) != set(versions):
            problem("index", f"{name}: index has {sorted(lines)}, the API {sorted(versions)}")
        for vers, entry in lines.items():
            v = versions.get(vers)
            if v and (entry["cksum"] != v["checksum"] or entry["yanked"] != v["yanked"]):
                problem("index", f"{name} {vers}: index {entry['cksum'][:12]}/{entry['yanked']}, "
                                 f"API {v['checksum'][:12]}/{v['yanked']}")

    for (name, vers), state in sorted(ledger.versions.items()):
        v = api_versions.get(name, {}).get(vers)
        if v is None:
            problem("lost", f"{name} {vers} was acknowledged and is gone")
            continue
        if v["checksum"] != state["sha"]:
            problem("checksum", f"{name} {vers}: API {v['checksum']}, sent {state['sha']}")
        if state["pending"]:
            state["yanked"], state["pending"] = v["yanked"], False
        elif v["yanked"] != state["yanked"]:
            problem("lost", f"{name} {vers}: yanked={v['yanked']}, acknowledged {state['yanked']}")
    # Downloads of a sample (every one would be slow over 100 trials).
    sample = random.Random(len(ledger.versions)).sample(sorted(ledger.versions), min(20, len(ledger.versions)))
    for name, vers in sample:
        status, body = registry.request("GET", f"/api/v1/crates/{name}/{vers}/download")
        if status != 200 or hashlib.sha256(body).hexdigest() != ledger.versions[(name, vers)]["sha"]:
            problem("checksum", f"download of {name} {vers}: status {status}")

    # Leftovers, on disk.
    for root, _, files in os.walk(os.path.join(registry.data, "index")):
        for f in files:
            if f.startswith(".tmp-"):
                problem("leftovers", f"temporary index file {os.path.join(root, f)}")
    store = os.path.join(registry.data, "crates", "crates")
    for root, _, files in os.walk(store):
        for f in files:
            name = os.path.basename(root)
            if "#" in f:
                problem("leftovers", f"staged upload {f}")
                continue
            vers = f[len(name) + 1:-len(".crate")]
            if vers not in api_versions.get(name, {}) and name in ledger.attempted:
                problem("leftovers", f"orphan file {f}")
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--wharf", default=os.path.join(root, "target/release/wharf"))
    parser.add_argument("--database-url", default=None, help="a PostgreSQL admin URL (default: SQLite)")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()

    registry = Registry(args.wharf, args.database_url, args.clients)
    ledger = Ledger()
    rng = random.Random(args.seed)
    totals = {"lost": 0, "checksum": 0, "index": 0, "leftovers": 0}
    problems = []
    # What the restarts removed: evidence that the kills left something to clean up.
    removed = {"temporary_index_files": 0, "crate_files": 0}
    started = time.monotonic()
    try:
        for trial in range(args.trials):
            registry.start()
            stop = threading.Event()
            threads = [threading.Thread(target=client, args=(registry, ledger, i, trial, registry.tokens[i],
                                                             stop, args.seed)) for i in range(args.clients)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.2, 1.5))
            registry.kill()
            stop.set()
            for t in threads:
                t.join()
            before = registry.files_on_disk()
            registry.start()
            after = registry.files_on_disk()
            removed["temporary_index_files"] += before[0] - after[0]
            removed["crate_files"] += before[1] - after[1]
            for kind, n in check(registry, ledger, problems).items():
                totals[kind] += n
            registry.kill()
    finally:
        registry.stop(args.keep)
    result = {
        "backend": "postgres" if args.database_url else "sqlite",
        "trials": args.trials,
        "clients": args.clients,
        "seconds": round(time.monotonic() - started, 1),
        "acknowledged_writes": ledger.acknowledged_writes,
        "versions_checked": len(ledger.versions),
        **totals,
        "leftovers_removed_by_restarts": removed,
        "problems": problems,
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    sys.exit(1 if any(totals.values()) else 0)


if __name__ == "__main__":
    main()
