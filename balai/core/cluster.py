"""The scale-out scenario (issue 21): balai on several machines, played on one.

`Cluster` starts what a province runs on many hosts, each process with its own `var/`
folder so that no two share a local disk: a fresh PostgreSQL database (on the machine's
server), the machine's Redis, an S3-compatible object store (moto in server mode, a pip
install: MinIO and SeaweedFS are single binaries from outside PyPI and apt), two web hosts
(`balai serve` on two ports) and two worker hosts (`balai worker`). The hosts share only
what a real deployment shares: the database, Redis, the bucket and their configuration
(the environment and the signing certificate, copied to each host as an operator deploys
it). `balai/core/tests/test_cluster.py` drives it over HTTP; `make demo-cluster` starts it
for a person to try (`python -m balai.core.cluster`, Ctrl-C stops it and drops the
database).

The database is either made here (`balai migrate` and `balai demo`, several minutes on a
busy two-core machine) or copied from a database that already holds the demo
(`CLUSTER_TEMPLATE_DB`, what CI does with the database its PostgreSQL leg built).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BALAI = [sys.executable, "-m", "balai.cli"]
BUCKET = "balai-cluster"
# Shorter clocks than production so the scenario runs in minutes: sweeps every tenth of
# their interval (the stale-task sweep every 6 s) and a task RUNNING for 8 s counts as lost.
S3_KEY, S3_SECRET = "balai", "balai-cluster-secret"  # noqa: S105 - moto on loopback
SCENARIO_ENV = {
    "PERIODIC_INTERVAL_SCALE": "0.1",
    "TASKS_RUNNING_LIMIT_S": "8",
    "COMPLAINT_REPORTS_PER_HOUR": "3",
    "AXES_FAILURE_LIMIT": "5",
    "STAFF_2FA": "optional",
    # The test stands where nginx would: it sends X-Forwarded-For from loopback.
    "TRUSTED_PROXIES": "127.0.0.1",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, *, timeout: float, what: str, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback only
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


def postgres_reachable(base: str) -> str:
    """'' when PostgreSQL answers at `base`, else why not."""
    try:
        import psycopg  # noqa: PLC0415

        psycopg.connect(f"{base}/postgres", connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"no PostgreSQL at {base}: {exc}".strip()
    return ""


def redis_reachable(url: str) -> str:
    try:
        import redis  # noqa: PLC0415

        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        return f"no Redis at {url}: {exc}"
    return ""


def moto_missing() -> str:
    if shutil.which("moto_server", path=str(Path(sys.executable).parent)) is None:
        return "moto_server is not installed (pip install -e '.[test]')"
    return ""


@dataclass
class Cluster:
    pg_base: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/0"
    template_db: str = ""
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="balai-cluster-")))
    db: str = field(default_factory=lambda: f"balai_cluster_{os.getpid()}")
    # rate-limit counts of an earlier run stay in the machine's Redis: each run its own keys
    redis_prefix: str = field(default_factory=lambda: f"cluster-{secrets.token_hex(4)}-")
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    workers_started_at: float = 0.0  # time.time() when the workers were started

    # -- configuration shared by every host ---------------------------------------------
    @property
    def database_url(self) -> str:
        return f"{self.pg_base}/{self.db}"

    def env(self, host: str) -> dict[str, str]:
        """The environment of one host: shared settings, its own var/ and config copy."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "DOCUMENTS_", "BALAI_", "DATABASE_", "REDIS_"))}
        env.update(SCENARIO_ENV)
        env.update({
            "DJANGO_SETTINGS_MODULE": "balai.settings",
            "DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url,
            "REDIS_KEY_PREFIX": self.redis_prefix,
            "SECRET_KEY": "balai-cluster-scenario-secret-key-shared-by-every-host-0001",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.urls.get("web-a", "http://127.0.0.1:8000"),
            "AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": self.urls.get("s3", ""),
            "AWS_S3_REGION_NAME": "us-east-1", "AWS_ACCESS_KEY_ID": S3_KEY,
            "AWS_SECRET_ACCESS_KEY": S3_SECRET,
            "BALAI_VAR_DIR": str(self.root / host / "var"),
            # The signing certificate is configuration, deployed to every host (here the
            # demo CA, made once and copied); var/ is not shared.
            "DOCUMENTS_DEMO_DIR": str(self.root / host / "etc" / "documents-demo"),
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def run(self, host: str, *args: str, timeout: float = 900) -> str:
        done = subprocess.run([*BALAI, *args], env=self.env(host), cwd=ROOT, text=True,
                              capture_output=True, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"balai {' '.join(args)} on {host} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def shell(self, host: str, code: str) -> str:
        """Run Python in a fresh process with `host`'s settings; its last line of output."""
        return self.run(host, "shell", "-c", code).strip().splitlines()[-1]

    # -- starting and stopping -----------------------------------------------------------
    def _spawn(self, name: str, cmd: list[str], env: dict) -> subprocess.Popen:
        out = open(self.root / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.processes[name] = proc
        return proc

    def _psql(self, sql: str) -> None:
        import psycopg  # noqa: PLC0415

        with psycopg.connect(f"{self.pg_base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def start(self, progress=print) -> Cluster:
        started = time.monotonic()
        for host in ("web-a", "web-b", "worker-1", "worker-2", "setup"):
            (self.root / host / "var").mkdir(parents=True, exist_ok=True)
        s3_port = free_port()
        self.urls["s3"] = f"http://127.0.0.1:{s3_port}"
        moto = str(Path(sys.executable).parent / "moto_server")
        self._spawn("s3", [moto, "-H", "127.0.0.1", "-p", str(s3_port)], dict(os.environ))
        for name in ("web-a", "web-b"):
            self.urls[name] = f"http://127.0.0.1:{free_port()}"
        wait_for(self.urls["s3"], timeout=30, what="moto_server", proc=self.processes["s3"])
        import boto3  # noqa: PLC0415

        boto3.client("s3", endpoint_url=self.urls["s3"], region_name="us-east-1",
                     aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET,
                     ).create_bucket(Bucket=BUCKET)
        progress(f"S3 (moto) on {self.urls['s3']}, bucket {BUCKET}")

        t = time.monotonic()
        self._psql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        if self.template_db:
            self._psql(f'CREATE DATABASE "{self.db}" TEMPLATE "{self.template_db}"')
            self.run("setup", "migrate", "--noinput", "-v", "0")
            progress(f"database {self.db}: a copy of {self.template_db}")
        else:
            self._psql(f'CREATE DATABASE "{self.db}"')
            progress(f"database {self.db}: migrate and the demo city (a few minutes)…")
            self.run("setup", "migrate", "--noinput", "-v", "0")
            self.run("setup", "demo", "--no-progress")
        self.timings["database"] = time.monotonic() - t

        # One signing certificate for the whole installation, copied to every host.
        source = self.root / "setup" / "etc" / "documents-demo"
        self.run("setup", "documents-demo-ca")
        for host in ("web-a", "web-b", "worker-1", "worker-2"):
            shutil.copytree(source, self.root / host / "etc" / "documents-demo")

        for name in ("web-a", "web-b"):
            port = self.urls[name].rsplit(":", 1)[1]
            self._spawn(name, [*BALAI, "serve", "--workers", "2",
                               "--bind", f"127.0.0.1:{port}"], self.env(name))
        self.workers_started_at = time.time()
        for name in ("worker-1", "worker-2"):
            self._spawn(name, [*BALAI, "worker", "--interval", "0.5"], self.env(name))
        for name in ("web-a", "web-b"):
            wait_for(f"{self.urls[name]}/ping", timeout=120, what=name,
                     proc=self.processes[name])
        self.timings["start"] = time.monotonic() - started
        progress(f"web A {self.urls['web-a']}, web B {self.urls['web-b']}, two workers "
                 f"(pids {self.processes['worker-1'].pid}, {self.processes['worker-2'].pid}); "
                 f"logs and var/ folders under {self.root}")
        return self

    def kill(self, name: str) -> None:
        """`kill -9` of one process (and nothing else)."""
        proc = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self, *, keep_files: bool = False) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for name, proc in self.processes.items():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
            del name
        with contextlib.suppress(Exception):
            self._psql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        if not keep_files:
            shutil.rmtree(self.root, ignore_errors=True)


def main() -> int:
    pg = os.environ.get("CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
    redis_url = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379/0")
    reason = postgres_reachable(pg) or redis_reachable(redis_url) or moto_missing()
    if reason:
        print(f"make demo-cluster needs PostgreSQL, Redis and moto: {reason}", file=sys.stderr)
        return 1
    cluster = Cluster(pg_base=pg, redis_url=redis_url,
                      template_db=os.environ.get("CLUSTER_TEMPLATE_DB", ""))
    try:
        cluster.start()
        print(f"\nTry it: report on {cluster.urls['web-a']}/pengaduan/lapor/ and follow the "
              f"link on {cluster.urls['web-b']}; staff log in as verifikator@demo.balai.id "
              "(password Balai-Demo-2026) on either. Ctrl-C stops every process and drops "
              "the database.", flush=True)
        while all(p.poll() is None for p in cluster.processes.values()):
            time.sleep(1)
        print("A process stopped; see its log in " + str(cluster.root), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop(keep_files=False)


if __name__ == "__main__":
    sys.exit(main())
