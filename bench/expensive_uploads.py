#!/usr/bin/env python3
"""What the most expensive legal uploads cost one Wharf server (standard library only).

Starts a release `wharf serve` on 127.0.0.1 with a fresh data directory (SQLite, or a fresh
PostgreSQL database with --database-url), then measures, from the server's /proc entries:

  worst case   UPLOADS uploads at once of a crate built to cost the scanner the most: FILES Rust
               files just under the 4 MiB a file is read whole, dense with the words the scanner
               looks for (processes, sockets, addresses, secrets' paths, encoded strings), the
               whole upload under the 10 MB limit. Reported: the server's CPU seconds, its peak RSS
               (VmHWM) and each upload's status and wall time.
  refusals     REFUSALS refused uploads of the same crate, in three ways: a publisher over its
               rate limit (429, decided before the upload is read or scanned), a declared length
               over the limit (413, decided before the body is read), and the publish queue full
               (503, decided before the body is read). Reported: server CPU per refusal.

Prints a JSON summary on standard output. See RELIABILITY.md, "Expensive uploads".

    python3 bench/expensive_uploads.py [--wharf target/release/wharf] [--uploads 8] [--files 12]
"""

import argparse
import gzip
import http.client
import io
import json
import os
import random
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import manifest, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (expensive uploads in bench/expensive_uploads.py)"
MTIME = 1_700_000_000
FILE_SIZE = 4 * 1024 * 1024 - 4096
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Lines a scanner must look at twice: every one names a program, a socket, an address, a secret's
# path, an environment variable or an encoded string. Numbered so that no two lines are alike.
TEMPLATES = [
    'let c{n} = std::process::Command::new("curl").arg("-s").arg("http://192.0.2.{m}/p{n}").output();',
    'let s{n} = std::net::TcpStream::connect(("192.0.2.{m}", 4{m:03d}));',
    'let h{n} = std::env::var("HOME").map(|h| format!("{{h}}/.ssh/id_rsa{n}"));',
    'let k{n} = std::fs::read_to_string(".env{n}").unwrap_or_default(); // AWS_SECRET_ACCESS_KEY',
    'let b{n} = base64::decode("aHR0cDovLzE5Mi4wLjIuMS9wYXlsb2FkL{n:04x}==");',
    'let x{n}: Vec<u8> = [0x{m:02x}u8, 0x63, 0x75, 0x72, 0x6c].iter().map(|b| b ^ 0x{n:02x}).collect();',
    'let w{n} = std::fs::read("wallet{n}.dat"); let t{n} = reqwest::blocking::get("https://192.0.2.{m}/u");',
    'std::fs::set_permissions("/tmp/x{n}", std::os::unix::fs::PermissionsExt::from_mode(0o755));',
]


def worst_case_source(seed):
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("pub fn run() {\n")
    n = 0
    while out.tell() < FILE_SIZE - 200:
        template = TEMPLATES[n % len(TEMPLATES)]
        out.write("    " + template.format(n=n % 65536, m=rng.randrange(256)) + "\n")
        n += 1
    out.write("}\n")
    return out.getvalue().encode()[:FILE_SIZE]


def worst_case_crate(name, vers, files):
    entries = [("Cargo.toml", manifest(name, vers, "Costs the scanner the most"))]
    entries.append(("src/lib.rs", "".join(f"pub mod m{i};\n" for i in range(files)).encode()))
    for i in range(files):
        entries.append((f"src/m{i}.rs", worst_case_source(i)))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for path, data in entries:
            info = tarfile.TarInfo(f"{name}-{vers}/{path}")
            info.size, info.mtime, info.mode = len(data), MTIME, 0o644
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=MTIME)


class Server:
    def __init__(self, wharf, database_url, config):
        self.work = tempfile.mkdtemp(prefix="wharf-expensive.")
        data = os.path.join(self.work, "data")
        os.makedirs(data)
        self.db_name = None
        if database_url:
            self.admin_url = database_url
            self.db_name = f"wharf_expensive_{os.getpid()}"
            subprocess.run(["psql", database_url, "-qc", f"CREATE DATABASE {self.db_name}"], check=True)
            db_url = database_url.rsplit("/", 1)[0] + "/" + self.db_name
        else:
            db_url = f"sqlite://{data}/wharf.db"
        config_path = os.path.join(self.work, "wharf.toml")
        with open(config_path, "w") as f:
            f.write("api_requests_per_second = 1000000\napi_burst = 1000000\n" + config)
        self.cli = [wharf, "--config", config_path, "--data-dir", data, "--database-url", db_url]
        subprocess.run(self.cli + ["migrate"], check=True, capture_output=True)
        self.process = subprocess.Popen(
            self.cli + ["serve", "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=open(os.path.join(self.work, "wharf.err"), "w"),
            env={**os.environ, "RUST_LOG": "warn"},
        )
        line = self.process.stdout.readline().decode()
        assert line.startswith("Wharf listening on http://127.0.0.1:"), line
        self.port = int(line.rsplit(":", 1)[1])

    def user(self, login, limits):
        subprocess.run(self.cli + ["user", "add", login, "--email", f"{login}@example.org"],
                       check=True, capture_output=True)
        token = subprocess.run(self.cli + ["token", "new", login], check=True,
                               capture_output=True).stdout.decode().strip()
        for action, burst in limits.items():
            subprocess.run(self.cli + ["admin", "rate-limit", login, action, "--burst", str(burst),
                                       "--period-seconds", "86400"], check=True, capture_output=True)
        return token

    def cpu_seconds(self):
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def status_kib(self, key):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def stop(self):
        self.process.terminate()
        self.process.wait()
        if self.db_name:
            subprocess.run(["psql", self.admin_url, "-qc",
                            f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)"], check=False)
        subprocess.run(["rm", "-rf", self.work])


def put(port, token, body, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.monotonic()
    try:
        all_headers = {"Authorization": token, "User-Agent": USER_AGENT}
        all_headers.update(headers or {})
        conn.request("PUT", "/api/v1/crates/new", body=body, headers=all_headers)
        response = conn.getresponse()
        detail = response.read()[:200].decode(errors="replace")
        return response.status, time.monotonic() - started, detail
    except OSError as e:
        return None, time.monotonic() - started, str(e)
    finally:
        conn.close()


def worst_case(args):
    server = Server(args.wharf, args.database_url, "")
    try:
        tokens = [server.user(f"heavy{i}", {}) for i in range(args.uploads)]
        bodies = []
        for i in range(args.uploads):
            crate = worst_case_crate(f"heavy-upload-{i}", "1.0.0", args.files)
            bodies.append(publish_body(f"heavy-upload-{i}", "1.0.0", "Costs the scanner the most", crate))
        rss_before = server.status_kib("VmRSS")
        cpu_before = server.cpu_seconds()
        results = [None] * args.uploads
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], server.status_kib("VmRSS"))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()

        def upload(i):
            results[i] = put(server.port, tokens[i], bodies[i])

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(args.uploads)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        done.set()
        sampler.join()
        return {
            "uploads": args.uploads,
            "files_per_upload": args.files,
            "upload_bytes": len(bodies[0]),
            "unpacked_bytes": args.files * FILE_SIZE,
            "wall_seconds": round(wall, 2),
            "server_cpu_seconds": round(server.cpu_seconds() - cpu_before, 2),
            "rss_before_mib": round(rss_before / 1024, 1),
            "rss_peak_sampled_mib": round(peak[0] / 1024, 1),
            "vm_hwm_mib": round(server.status_kib("VmHWM") / 1024, 1),
            "statuses": [r[0] for r in results],
            "seconds": [round(r[1], 2) for r in results],
            "details": sorted({r[2][:160] for r in results}),
        }
    finally:
        server.stop()


def refusals(args):
    config = "publish_workers = 1\npublish_queue_wait_seconds = 0\n"
    server = Server(args.wharf, args.database_url, config)
    try:
        crate = worst_case_crate("refused-upload", "1.0.0", args.files)
        body = publish_body("refused-upload", "1.0.0", "Costs the scanner the most", crate)
        out = {"upload_bytes": len(body), "refusals": args.refusals}

        # Over the rate limit: no new crates at all for this publisher.
        limited = server.user("limited", {"publish-new": 0})
        cpu = server.cpu_seconds()
        statuses = [put(server.port, limited, body)[0] for _ in range(args.refusals)]
        out["rate_limited"] = {
            "statuses": sorted(set(statuses)),
            "server_cpu_ms_each": round((server.cpu_seconds() - cpu) * 1000 / args.refusals, 2),
        }

        # A declared length over the limit.
        sender = server.user("sender", {})
        cpu = server.cpu_seconds()
        statuses = []
        for _ in range(args.refusals):
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(
                (f"PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {USER_AGENT}\r\n"
                 f"Authorization: {sender}\r\nContent-Length: 200000000\r\nConnection: close\r\n\r\n").encode()
            )
            statuses.append(int(s.recv(64).split()[1]))
            s.close()
        out["declared_too_large"] = {
            "statuses": sorted(set(statuses)),
            "server_cpu_ms_each": round((server.cpu_seconds() - cpu) * 1000 / args.refusals, 2),
        }

        # The queue full: one publisher holds the only turn by sending its upload slowly.
        holder = socket.create_connection(("127.0.0.1", server.port))
        holder.sendall(
            (f"PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {USER_AGENT}\r\n"
             f"Authorization: {sender}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
            + body[:100]
        )
        time.sleep(0.5)
        cpu = server.cpu_seconds()
        statuses = []
        for _ in range(args.refusals):
            # Headers and the first bytes only: the answer comes before the body is read, and a
            # client still sending would see the connection closed under it.
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(
                (f"PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {USER_AGENT}\r\n"
                 f"Authorization: {sender}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
                + body[:1000]
            )
            statuses.append(int(s.recv(64).split()[1]))
            s.close()
        out["queue_full"] = {
            "statuses": sorted(set(statuses)),
            "server_cpu_ms_each": round((server.cpu_seconds() - cpu) * 1000 / args.refusals, 2),
        }
        holder.close()
        return out
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--wharf", default=os.path.join(root, "target/release/wharf"))
    parser.add_argument("--database-url", default=None, help="a PostgreSQL admin URL (default: SQLite)")
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--refusals", type=int, default=50)
    args = parser.parse_args()
    result = {
        "backend": "postgres" if args.database_url else "sqlite",
        "cpus": os.cpu_count(),
        "worst_case": worst_case(args),
        "refusals": refusals(args),
    }
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
