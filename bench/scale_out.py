#!/usr/bin/env python3
"""The scale-out rig: several `wharf serve` instances on one PostgreSQL database and one S3 bucket
(moto's server on 127.0.0.1), nginx in front, measured (standard library only).

  1. propagation: a crate's index file is cached on every instance; a new version is published
     through the first; how long until each other instance serves it (p50/p99/max);
  2. kill -9 under load: client threads publish through nginx; the first instance is killed with
     SIGKILL in the middle, then started again; every acknowledged version must be in the index
     served through nginx with the checksum of the file downloaded through it;
  3. what the instances kept: files in their data directories (there must be none).

Prints one JSON object and exits 1 when anything was lost or left behind.

  python3 bench/scale_out.py --moto PATH/moto_server [--database-url postgres://…/postgres]
"""

import argparse
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from publish import make_crate, publish_body  # noqa: E402

# What this measures is not detonation (bench/detonate.sh is): the servers build nothing.
os.environ.setdefault("WHARF_DETONATE", "off")

USER_AGENT = "wharf-bench/1.0 (bench/scale_out.py)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, what, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"{what} did not start listening on {port}")
            time.sleep(0.05)


def index_path(name):
    if len(name) <= 2:
        return f"{len(name)}/{name}"
    if len(name) == 3:
        return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"


def request(port, method, path, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Rig:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="wharf-scale-out.")
        self.processes = []
        self.instances = []  # (process, port, data_dir)
        self.nginx_port = free_port()
        self.moto_port = free_port()
        admin = args.database_url
        self.database = f"wharf_scale_out_{os.getpid()}"
        subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {self.database}"], check=True)
        self.database_url = admin.rsplit("/", 1)[0] + "/" + self.database
        self.env = {
            **os.environ,
            "WHARF_STORAGE_URL": "s3://wharf-bench/registry",
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{self.moto_port}",
            "AWS_ALLOW_HTTP": "true",
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench-secret",
            "WHARF_PUBLIC_URL": f"http://127.0.0.1:{self.nginx_port}",
            "RUST_LOG": "warn",
        }

    def start_moto(self):
        log = open(os.path.join(self.work, "moto.log"), "w")
        self.processes.append(subprocess.Popen(
            [self.args.moto, "-H", "127.0.0.1", "-p", str(self.moto_port)], stdout=log, stderr=log))
        wait_for_port(self.moto_port, "moto")
        status, _ = request(self.moto_port, "PUT", "/wharf-bench")
        assert status == 200, status

    def wharf(self, *args, data_dir=None):
        data_dir = data_dir or os.path.join(self.work, "cli")
        config = os.path.join(self.work, "wharf.toml")
        if not os.path.exists(config):
            # One client address publishes hundreds of versions a minute: the per-address API
            # limit would refuse it (the per-user limits are lifted for its user below).
            with open(config, "w") as f:
                f.write("api_requests_per_second = 100000\napi_burst = 100000\ndump_interval_hours = 0\n")
        return [self.args.wharf, "--config", config, "--data-dir", data_dir,
                "--database-url", self.database_url, *args]

    def start_instance(self, slot=None, port=None):
        data_dir = os.path.join(self.work, f"instance-{len(self.instances) if slot is None else slot}")
        port = port or free_port()
        process = subprocess.Popen(
            self.wharf("serve", "--listen", f"127.0.0.1:{port}", data_dir=data_dir),
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = process.stdout.readline().decode()
        assert line.startswith("Wharf listening on"), line
        if slot is None:
            self.instances.append((process, port, data_dir))
        else:
            self.instances[slot] = (process, port, data_dir)
        return port

    def start_nginx(self):
        nginx = self.args.nginx or shutil.which("nginx") or "/usr/sbin/nginx"
        root = os.path.join(self.work, "nginx")
        os.makedirs(root)
        servers = "".join(f"        server 127.0.0.1:{port};\n" for _, port, _ in self.instances)
        user = "user root;" if os.geteuid() == 0 else ""
        with open(os.path.join(root, "nginx.conf"), "w") as f:
            f.write(f"""{user}
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream wharf {{
{servers}        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{self.nginx_port};
        client_max_body_size 64m;
        location / {{
            proxy_pass http://wharf;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
""")
        self.nginx = subprocess.Popen([nginx, "-p", root, "-c", os.path.join(root, "nginx.conf"),
                                       "-e", os.path.join(root, "error.log")])
        wait_for_port(self.nginx_port, "nginx")

    def token(self, login):
        subprocess.run(self.wharf("user", "add", login, "--email", f"{login}@example.org"), check=True,
                       env=self.env, stdout=subprocess.DEVNULL)
        for action in ("publish-new", "publish-update"):
            subprocess.run(self.wharf("admin", "rate-limit", login, action, "--burst", "100000",
                                      "--period-seconds", "1"), check=True, env=self.env,
                           stderr=subprocess.DEVNULL)
        return subprocess.run(self.wharf("token", "new", login), check=True, env=self.env,
                              capture_output=True).stdout.decode().strip()

    def stop(self):
        if getattr(self, "nginx", None):
            self.nginx.terminate()
            self.nginx.wait()
        for process, _, _ in self.instances:
            process.kill()
            process.wait()
        for process in self.processes:
            process.kill()
            process.wait()
        subprocess.run(["psql", self.args.database_url, "-q", "-c",
                        f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"], check=False)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)


def publish(port, token, name, version):
    crate = make_crate(name, version, "A crate of the scale-out rig")
    body = publish_body(name, version, "A crate of the scale-out rig", crate)
    try:
        status, _ = request(port, "PUT", "/api/v1/crates/new", body=body,
                            headers={"Authorization": token, "Content-Type": "application/octet-stream"})
    except OSError:
        return False, crate
    return status == 200, crate


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure_propagation(rig, token, count):
    """ms from the publish's acknowledgement on the first instance until each other one serves it."""
    first = rig.instances[0][1]
    others = [port for _, port, _ in rig.instances[1:]]
    ok, _ = publish(first, token, "propagate", "0.0.0")
    assert ok
    path = "/index/" + index_path("propagate")
    latencies = []
    for i in range(1, count + 1):
        for port in others:  # every other instance holds the current file
            for _ in range(2):
                request(port, "GET", path)
        version = f"0.1.{i}"
        ok, _ = publish(first, token, "propagate", version)
        assert ok, version
        acknowledged = time.monotonic()
        needle = f'"vers":"{version}"'.encode()
        for port in others:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while True:
                connection.request("GET", path, headers={"User-Agent": USER_AGENT})
                response = connection.getresponse()
                body = response.read()
                if needle in body:
                    latencies.append((time.monotonic() - acknowledged) * 1000)
                    break
                if time.monotonic() - acknowledged > 10:
                    sys.exit(f"instance on {port} never served {version}")
            connection.close()
    return {
        "samples": len(latencies),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2),
    }


def burst_with_kill(rig, token, clients, seconds_before, seconds_after):
    acknowledged = {}  # (name, version) -> sha256 of the file sent
    lock = threading.Lock()
    stop = threading.Event()
    attempts = [0]

    def client(k):
        n = 0
        while not stop.is_set():
            name, version = f"burst-{k}", f"1.0.{n}"
            n += 1
            ok, crate = publish(rig.nginx_port, token, name, version)
            with lock:
                attempts[0] += 1
                if ok:
                    acknowledged[(name, version)] = hashlib.sha256(crate).hexdigest()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    time.sleep(seconds_before)
    killed_port = rig.instances[0][1]
    rig.instances[0][0].kill()
    rig.instances[0][0].wait()
    time.sleep(seconds_after)
    stop.set()
    for t in threads:
        t.join()
    # The killed instance comes back (its start-up repairs what the kill left).
    rig.start_instance(slot=0, port=killed_port)
    lost, wrong = [], []
    for (name, version), digest in sorted(acknowledged.items()):
        status, body = request(rig.nginx_port, "GET", "/index/" + index_path(name))
        lines = [json.loads(line) for line in body.decode().splitlines()] if status == 200 else []
        line = next((entry for entry in lines if entry["vers"] == version), None)
        if line is None:
            lost.append(f"{name}@{version}")
            continue
        status, file = request(rig.nginx_port, "GET", f"/api/v1/crates/{name}/{version}/download")
        if status != 200 or hashlib.sha256(file).hexdigest() != line["cksum"] or line["cksum"] != digest:
            wrong.append(f"{name}@{version}")
    return {
        "clients": clients,
        "publishes_attempted": attempts[0],
        "publishes_acknowledged": len(acknowledged),
        "lost": lost,
        "checksum_or_file_mismatches": wrong,
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wharf", default=os.path.join(root, "target/release/wharf"))
    parser.add_argument("--database-url", default=os.environ.get(
        "WHARF_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--moto", default=os.environ.get("WHARF_TEST_S3_SERVER"), required=False)
    parser.add_argument("--nginx", default=os.environ.get("WHARF_TEST_NGINX"))
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--publishes", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not args.moto:
        sys.exit("name moto_server with --moto or WHARF_TEST_S3_SERVER (pip install 'moto[server]')")
    rig = Rig(args)
    try:
        rig.start_moto()
        for _ in range(args.instances):
            rig.start_instance()
        rig.start_nginx()
        token = rig.token("bench")
        propagation = measure_propagation(rig, token, args.publishes)
        burst = burst_with_kill(rig, token, args.clients, seconds_before=3, seconds_after=3)
        kept = {
            os.path.basename(data_dir): sorted(
                os.path.relpath(os.path.join(d, f), data_dir) for d, _, files in os.walk(data_dir) for f in files)
            for _, _, data_dir in rig.instances
        }
    finally:
        rig.stop()
    result = {
        "instances": args.instances,
        "propagation_to_other_instances": propagation,
        "kill_9_during_publish_burst": burst,
        "files_kept_by_instances": kept,
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    failed = burst["lost"] or burst["checksum_or_file_mismatches"] or any(kept.values())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
