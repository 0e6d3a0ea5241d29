"""Loopback load on `balai serve` (gunicorn, 2 workers): tracking page and submission.

For each database (SQLite, and PostgreSQL when reachable) this script makes a fresh
database with the demo city, starts `balai serve --workers 2`, and runs wrk against:
  * /ping — a bare Django view on the same server (the baseline),
  * /pengaduan/lacak/<code>/ — a public tracking page,
  * POST /pengaduan/lapor/ — a new complaint with one 2 MB photo (unique idempotency keys).
It prints req/s and p50/p95/p99 latency per target and the tracking/bare ratio, next to
the targets of DESIGN.md §8. Needs wrk (`apt-get install wrk`).

    .venv/bin/python bench/complaints_http.py [--duration 10] [--connections 20]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BALAI = [sys.executable, "-m", "balai.cli"]
PG_BASE = "postgres://postgres@127.0.0.1:5432"

LATENCY_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, "
    .. "\\"non2xx\\": %d, \\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d}\\n",
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

POST_LUA = """
local counter = 0
local head = io.open(os.getenv("BENCH_HEAD")):read("*a")
local tail = io.open(os.getenv("BENCH_TAIL")):read("*a")
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=BENCHBOUNDARY"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
wrk.headers["Referer"] = os.getenv("BENCH_REFERER")
local thread_id = tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  local body = head .. thread_id .. "-" .. counter .. tail
  return wrk.format(nil, nil, nil, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def photo_2mb() -> bytes:
    """A 2 MB phone-like JPEG: noise does not compress, so the size is real."""
    from PIL import Image

    rng = random.Random(7)
    width, height = 2400, 1800
    img = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    for quality in (75, 70, 65, 60, 55, 50):
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality)
        if out.tell() <= 2_200_000:
            return out.getvalue()
    return out.getvalue()


def multipart(fields: dict[str, str], photo: bytes) -> tuple[bytes, bytes]:
    """The body split around the idempotency key so wrk can make every request unique."""
    b = b"--BENCHBOUNDARY\r\n"
    parts = b""
    for name, value in fields.items():
        parts += b + f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    head = parts + b + b'Content-Disposition: form-data; name="idempotency_key"\r\n\r\nbench-'
    tail = (b"\r\n" + b + b'Content-Disposition: form-data; name="photos"; filename="foto.jpg"'
            b"\r\nContent-Type: image/jpeg\r\n\r\n" + photo + b"\r\n--BENCHBOUNDARY--\r\n")
    return head, tail


def wrk(url: str, *, duration: int, connections: int, script: str, env=None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout",
                          "10s", "-s", f.name, url], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout
    os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    data = json.loads(line[6:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def run_database(label: str, env: dict, args) -> dict:
    print(f"\n=== {label} ===", flush=True)
    subprocess.run([*BALAI, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*BALAI, "demo", "--no-progress"], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    code = subprocess.run(
        [*BALAI, "shell", "-c", "from balai.complaints.selectors import public_complaints as p;"
         "print(p().order_by('?').first().code)"],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*BALAI, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/ping", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"{base}/pengaduan/lapor/")
        cookies = {c.name: c.value for c in jar}
        category = subprocess.run(
            [*BALAI, "shell", "-c", "from balai.complaints.models import Category as C;"
             "print(C.objects.get(code='sampah').pk)"],
            env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()[-1]
        head, tail = multipart({
            "category": category, "lat": "-7.9826", "lng": "112.6308",
            "title": "Sampah menumpuk (benchmark)",
            "description": "Laporan uji beban dari bench/complaints_http.py.",
            "reporter_email": "bench@example.id", "website": "", "address": ""},
            photo_2mb())
        tmp = Path(tempfile.mkdtemp())
        (tmp / "head").write_bytes(head)
        (tmp / "tail").write_bytes(tail)
        results = {}
        for name, url, script, extra in [
            ("bare /ping", f"{base}/ping", LATENCY_LUA, None),
            ("tracking page", f"{base}/pengaduan/lacak/{code}/", LATENCY_LUA, None),
            ("submit + 2 MB photo", f"{base}/pengaduan/lapor/", POST_LUA + LATENCY_LUA, {
                "BENCH_HEAD": str(tmp / "head"), "BENCH_TAIL": str(tmp / "tail"),
                "BENCH_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "BENCH_CSRF": cookies["csrftoken"], "BENCH_REFERER": f"{base}/pengaduan/lapor/",
            }),
        ]:
            r = wrk(url, duration=args.duration, connections=args.connections, script=script,
                    env=extra)
            results[name] = r
            print(f"{name:<22} {r['rps']:8.1f} req/s  p50 {r['p50'] / 1000:7.1f} ms  "
                  f"p95 {r['p95'] / 1000:7.1f} ms  p99 {r['p99'] / 1000:7.1f} ms  "
                  f"non-2xx/3xx {r['non2xx']}  errors {r['errors']}", flush=True)
        shutil.rmtree(tmp)
        ratio = results["tracking page"]["rps"] / results["bare /ping"]["rps"]
        track, submit = results["tracking page"], results["submit + 2 MB photo"]
        print(f"tracking / bare = {ratio:.0%} (target ≥ 40 %); tracking p95 "
              f"{track['p95'] / 1000:.1f} ms (target < 50 ms); submission "
              f"{submit['rps']:.1f}/s (target ≥ 50/s), p95 {submit['p95'] / 1000:.0f} ms "
              f"(target < 300 ms)")
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    base_env = {**os.environ, "DEBUG": "0", "COMPLAINT_REPORTS_PER_HOUR": "100000000",
                "AXES_ENABLED": "0", "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
                "LOG_LEVEL": "WARNING"}
    base_env.pop("DATABASE_URL", None)
    var = Path(tempfile.mkdtemp(prefix="balai-bench-"))
    print(f"wrk -t2 -c{args.connections} -d{args.duration}s, gunicorn 2 workers, loopback; "
          f"{os.cpu_count()} CPUs; photo {len(photo_2mb()) / 1e6:.2f} MB")
    run_database("SQLite (WAL)", {**base_env, "BALAI_VAR_DIR": str(var)}, args)
    shutil.rmtree(var, ignore_errors=True)
    if args.skip_postgres:
        return
    db = f"balai_bench_{os.getpid()}"
    try:
        subprocess.run(["psql", f"{PG_BASE}/postgres", "-q", "-c", f"CREATE DATABASE {db}"],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        print("\nPostgreSQL is not reachable on 127.0.0.1:5432; skipped.")
        return
    var = Path(tempfile.mkdtemp(prefix="balai-bench-"))
    try:
        run_database("PostgreSQL", {**base_env, "BALAI_VAR_DIR": str(var),
                                    "DATABASE_URL": f"{PG_BASE}/{db}"}, args)
    finally:
        subprocess.run(["psql", f"{PG_BASE}/postgres", "-q", "-c", f"DROP DATABASE {db}"],
                       check=False, capture_output=True)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
