"""Loopback load on `balai serve` (gunicorn, 2 workers): complaint pages and submission.

For each database (SQLite; PostgreSQL with `--database sqlite,postgres` or
BENCH_DATABASES=sqlite,postgres) this script makes a fresh database with the demo city,
starts `balai serve --workers 2`, and runs wrk, one target after the other, against:
  * /ping — a bare Django view on the same server (the baseline of the ratios),
  * /pengaduan/lacak/<code>/ — public tracking pages (50 different cases at random),
  * /open311/v2/requests.json — the Open311 list with its default filters,
  * POST /pengaduan/lapor/ — a new complaint with one 2 MB, 12 MP photo-like JPEG
    carrying EXIF GPS (every POST with its own idempotency key): once with wrk at
    saturation (20 connections, the most it accepts), once paced at the target's 50/s
    from an open-loop client (the latency a citizen sees at that rate).
The submission only checks the photo and keeps it privately; `balai worker` re-encodes
it afterwards. So that the figure is honest, the script then runs two `balai worker
--once` processes (the web server idle) over the backlog the submissions left and
reports how many photos per second they re-encode and publish — the rate the platform
can sustain, not only accept. It prints req/s, p50/p95/p99, the ratio to the bare view,
the targets of DESIGN.md §8 with PASS/MISS, and the load average around every run (the
machine is shared: compare runs only at similar load). Each target gets 3 s of
unmeasured load first (a fresh process opens connections, compiles templates, fills
its caches). Needs wrk.

    .venv/bin/python bench/complaints_http.py [--duration 10] [--connections 20]
        [--database sqlite,postgres] [--worker-class gthread]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BALAI = [sys.executable, "-m", "balai.cli"]
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
TRACKED_CASES = 50

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

PATHS_LUA = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""

POST_LUA = """
local counter = 0
local head = io.open(os.getenv("BENCH_HEAD"), "rb"):read("*a")
local tail = io.open(os.getenv("BENCH_TAIL"), "rb"):read("*a")
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

# (target name, what it is measured against): p95 limit in ms, minimum ratio to bare,
# minimum req/s (DESIGN.md §8).
TARGETS = {
    "tracking page": {"p95_ms": 50, "ratio": 0.40},
    "open311 requests.json": {"p95_ms": 50, "ratio": 0.40},
    "submit + 2 MB photo": {"p95_ms": 300, "rps": 50},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def photo_2mb(target: int = 2_000_000, size: tuple[int, int] = (4000, 3000),
              exif_gps: bool = True) -> bytes:
    """A 12 MP phone-like JPEG of about 2 MB with EXIF GPS and camera data.

    Smooth colour fields with sensor-like noise: it neither compresses to nothing (as a
    flat image would) nor decodes like pure noise; the size is tuned to `target`. Other
    sizes for other benches: a browser-resized photo is 2048 px with no EXIF at all.
    """
    from PIL import Image, ImageChops

    width, height = size
    rng = random.Random(20261202)
    base = Image.frombytes("RGB", (40, 30), rng.randbytes(40 * 30 * 3)).resize(
        (width, height), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "SM-A525F"  # camera make and model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (7.0, 58.0, 57.36), 3: "E", 4: (112.0, 37.0, 50.88)})
    low, high, best = 2.0, 12.0, b""
    for _ in range(7):  # bisect the noise level for the target size
        sigma = (low + high) / 2
        noise = Image.effect_noise((width, height), sigma)
        img = ImageChops.add(base, Image.merge("RGB", (
            noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))),
            offset=-128)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=85, **({"exif": exif} if exif_gps else {}))
        best = out.getvalue()
        if abs(len(best) - target) < target * 0.03:
            break
        low, high = (sigma, high) if len(best) < target else (low, sigma)
    return best


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
    before = load()
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout",
                          "10s", "-s", f.name, url], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout
    os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    data = json.loads(line[6:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["load"] = f"{before} → {load()[5:]}"
    return data


def _proc_table() -> tuple[dict[int, float], dict[int, list[int]], dict[int, str]]:
    """Every process's CPU seconds (its own and those of the children it reaped), its
    children and its name, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    cpu: dict[int, float] = {}
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        pid = int(entry.name)
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime: a dead process's time is in its reaper's c-times.
        cpu[pid] = sum(int(x) for x in fields[11:15]) / tick
        children.setdefault(int(fields[1]), []).append(pid)
        names[pid] = name
    return cpu, children, names


def cpu_seconds(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds used so far by each named group of process trees, by the PostgreSQL
    and Redis servers (all their databases) and by the whole machine (busy time of every
    core)."""
    cpu, children, names = _proc_table()

    def tree(pid: int) -> float:
        total, todo = 0.0, [pid]
        while todo:
            p = todo.pop()
            total += cpu.get(p, 0.0)
            todo.extend(children.get(p, []))
        return total

    out = {role: sum(tree(pid) for pid in pids) for role, pids in roots.items()}
    ppid_of = {child: parent for parent, kids in children.items() for child in kids}
    for server, name in (("PostgreSQL", "postgres"), ("Redis", "redis-server")):
        out[server] = sum(tree(pid) for pid, n in names.items()
                          if n == name and names.get(ppid_of.get(pid)) != name)
    me = os.times()
    out["this client"] = me.user + me.system
    with open("/proc/stat") as f:
        jiffies = [int(x) for x in f.readline().split()[1:]]
    out["machine"] = (sum(jiffies) - jiffies[3] - jiffies[4]) / os.sysconf("SC_CLK_TCK")
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def psql(base: str, sql: str, db: str = "postgres"):
    """Run one statement on `db` of the server at `base` (autocommit); its rows, if any."""
    import psycopg

    with psycopg.connect(f"{base}/{db}", autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else None


def paced(host: str, port: int, path: str, *, rate: float, duration: int, head: bytes,
          tail: bytes, headers: dict[str, str], concurrency: int = 64) -> dict:
    """Open-loop load: POSTs sent on a fixed schedule of `rate` per second, whatever the
    server's latency (wrk keeps 20 connections busy instead, so its latency is queueing
    at saturation). Latency counts from the scheduled send, so a slow server cannot hide
    it by slowing the client down (no coordinated omission)."""
    import http.client
    import threading
    from concurrent.futures import ThreadPoolExecutor

    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def one(n: int, due: float) -> None:
        body = head + f"paced-{os.getpid()}-{n}".encode() + tail
        try:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status in (200, 302)
            conn.close()
        except OSError:
            ok = False
        with lock:
            latencies.append(time.perf_counter() - due)
            failures[0] += not ok

    before = load()
    start = time.perf_counter() + 0.2
    total = int(rate * duration)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for n in range(total):
            due = start + n / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(one, n, due)
    latencies.sort()

    def pct(q: float) -> int:
        return int(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1e6)

    # Served per second of the schedule: the offered rate when every request succeeded.
    return {"requests": total, "rps": (total - failures[0]) / (total / rate), "errors": 0,
            "non2xx": failures[0], "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99),
            "load": f"{before} → {load()[5:]}"}


def shell(env: dict, code: str) -> str:
    return subprocess.run([*BALAI, "shell", "-c", code], env=env, check=True, cwd=ROOT,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]


def pending_photos(env: dict) -> int:
    sql = "SELECT COUNT(*) FROM complaints_complaintphoto WHERE state = 'pending'"
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return conn.execute(sql).fetchone()[0]
    with sqlite3.connect(Path(env["BALAI_VAR_DIR"]) / "balai.sqlite3") as conn:
        return conn.execute(sql).fetchone()[0]


def drain_photos(env: dict, processes: int = 2) -> dict:
    """Two `balai worker --once` over the backlog: re-encoded photos per second."""
    pending = pending_photos(env)
    before = load()
    start = time.perf_counter()
    workers = [subprocess.Popen([*BALAI, "worker", "--once"], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for _ in range(processes)]
    for w in workers:
        w.wait(timeout=1800)
    elapsed = time.perf_counter() - start
    left = pending_photos(env)
    return {"photos": pending - left, "left": left, "seconds": elapsed,
            "rate": (pending - left) / elapsed if elapsed else 0.0,
            "load": f"{before} → {load()[5:]}"}


def verdict(name: str, r: dict, bare_rps: float) -> str:
    target = TARGETS.get(name)
    if not target:
        return ""
    checks, text = [], []
    if "p95_ms" in target:
        checks.append(r["p95"] / 1000 < target["p95_ms"])
        text.append(f"p95 < {target['p95_ms']} ms")
    if "ratio" in target:
        checks.append(r["rps"] / bare_rps >= target["ratio"])
        text.append(f"≥ {target['ratio']:.0%} of bare")
    if "rps" in target:
        checks.append(r["rps"] >= target["rps"])
        text.append(f"≥ {target['rps']}/s")
    if r["non2xx"] or r["errors"]:
        checks.append(False)
        text.append("no errors")
    return f"{', '.join(text)}: {'PASS' if all(checks) else 'MISS'}"


def run_database(label: str, env: dict, args) -> list[tuple]:
    print(f"\n=== {label} ({load()}) ===", flush=True)
    subprocess.run([*BALAI, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*BALAI, "demo", "--no-progress"], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    codes = shell(env, "from balai.complaints.selectors import public_complaints as p;"
                       f"print(','.join(p().order_by('?').values_list('code', flat=True)"
                       f"[:{TRACKED_CASES}]))").split(",")
    category = shell(env, "from balai.complaints.models import Category as C;"
                          "print(C.objects.get(code='sampah').pk)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = [*BALAI, "serve", "--workers", str(args.web_workers), "--bind",
             f"127.0.0.1:{port}"]
    if args.worker_class:
        serve += ["--worker-class", args.worker_class]
    if args.threads:
        serve += ["--threads", str(args.threads)]
    server = subprocess.Popen(serve, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    tmp = Path(tempfile.mkdtemp())
    rows = []
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
        head, tail = multipart({
            "category": category, "lat": "-7.9826", "lng": "112.6308",
            "title": "Sampah menumpuk (benchmark)",
            "description": "Laporan uji beban dari bench/complaints_http.py.",
            "reporter_email": "bench@example.id", "website": "", "address": ""},
            args.photo)
        (tmp / "head").write_bytes(head)
        (tmp / "tail").write_bytes(tail)
        (tmp / "paths").write_text("".join(f"/pengaduan/lacak/{c}/\n" for c in codes))
        results = {}
        for name, url, script, extra in [
            ("bare /ping", f"{base}/ping", LATENCY_LUA, None),
            ("tracking page", base, PATHS_LUA + LATENCY_LUA, {"BENCH_PATHS": str(tmp / "paths")}),
            ("open311 requests.json", f"{base}/open311/v2/requests.json", LATENCY_LUA, None),
            ("submit + 2 MB photo", f"{base}/pengaduan/lapor/", POST_LUA + LATENCY_LUA, {
                "BENCH_HEAD": str(tmp / "head"), "BENCH_TAIL": str(tmp / "tail"),
                "BENCH_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "BENCH_CSRF": cookies["csrftoken"], "BENCH_REFERER": f"{base}/pengaduan/lapor/",
            }),
        ]:
            if args.warmup:  # fresh processes: connections, templates, caches, geo index
                wrk(url, duration=args.warmup, connections=args.connections, script=script,
                    env=extra)
            r = wrk(url, duration=args.duration, connections=args.connections, script=script,
                    env=extra)
            results[name] = r
            bare = results["bare /ping"]["rps"]
            ratio = r["rps"] / bare
            line = (f"{name:<22} {r['rps']:8.1f} req/s  p50 {r['p50'] / 1000:7.1f} ms  "
                    f"p95 {r['p95'] / 1000:7.1f} ms  p99 {r['p99'] / 1000:7.1f} ms  "
                    f"{ratio:6.1%} of bare  non-2xx/3xx {r['non2xx']}  errors {r['errors']}"
                    f"  [{r['load']}]")
            print(line, flush=True)
            if v := verdict(name, r, bare):
                print(f"{'':<24}target: {v}", flush=True)
            rows.append((label, name, r, ratio, verdict(name, r, bare)))
        name = f"submit at {args.rate:g}/s (paced)"
        r = paced("127.0.0.1", port, "/pengaduan/lapor/", rate=args.rate,
                  duration=args.duration, head=head, tail=tail, headers={
                      "Content-Type": "multipart/form-data; boundary=BENCHBOUNDARY",
                      "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                      "X-CSRFToken": cookies["csrftoken"],
                      "Referer": f"{base}/pengaduan/lapor/"})
        bare = results["bare /ping"]["rps"]
        print(f"{name:<22} {r['rps']:8.1f} req/s  p50 {r['p50'] / 1000:7.1f} ms  "
              f"p95 {r['p95'] / 1000:7.1f} ms  p99 {r['p99'] / 1000:7.1f} ms  "
              f"{r['rps'] / bare:6.1%} of bare  failed {r['non2xx']}  [{r['load']}]", flush=True)
        v = verdict("submit + 2 MB photo", r, bare)
        print(f"{'':<24}target: {v}", flush=True)
        rows.append((label, name, r, r["rps"] / bare, v))
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    drained = drain_photos(env)
    print(f"worker (2 × balai worker --once, web idle): {drained['photos']} photos re-encoded "
          f"and published in {drained['seconds']:.1f} s = {drained['rate']:.1f} photos/s "
          f"(with their notification deliveries; {drained['left']} left)  "
          f"[{drained['load']}]", flush=True)
    rows.append((label, "worker: photos re-encoded", drained, None, ""))
    return rows


def summary(rows: list[tuple]) -> None:
    print("\n| database | target | req/s | p50 | p95 | p99 | of bare | target | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, name, r, ratio, v in rows:
        if ratio is None:
            print(f"| {label} | {name} | {r['rate']:.1f}/s | | | | | "
                  f"({r['photos']} in {r['seconds']:.1f} s) | {r['load']} |")
            continue
        print(f"| {label} | {name} | {r['rps']:,.1f} | {r['p50'] / 1000:.1f} ms | "
              f"{r['p95'] / 1000:.1f} ms | {r['p99'] / 1000:.1f} ms | {ratio:.0%} | {v} | "
              f"{r['load']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASES", "sqlite"),
                        help="sqlite, postgres or both comma-separated (env BENCH_DATABASES)")
    parser.add_argument("--warmup", type=int, default=3,
                        help="seconds of unmeasured load before each target")
    parser.add_argument("--rate", type=float, default=50,
                        help="submissions per second offered in the paced run (target 50)")
    parser.add_argument("--web-workers", type=int, default=2,
                        help="gunicorn processes (`balai serve --workers`)")
    parser.add_argument("--worker-class", default="",
                        help="gunicorn worker class for `balai serve` (default: its own)")
    parser.add_argument("--threads", type=int, default=0,
                        help="threads per gunicorn worker (default: balai serve's)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    args.photo = photo_2mb()
    base_env = {**os.environ, "DEBUG": "0", "COMPLAINT_REPORTS_PER_HOUR": "100000000",
                "AXES_ENABLED": "0", "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
                "LOG_LEVEL": "WARNING", "STAFF_2FA": "optional"}
    base_env.pop("DATABASE_URL", None)
    print(f"wrk -t2 -c{args.connections} -d{args.duration}s, "
          f"`balai serve --workers {args.web_workers}`"
          f"{' --worker-class ' + args.worker_class if args.worker_class else ''}"
          f"{f' --threads {args.threads}' if args.threads else ''}, loopback; "
          f"{os.cpu_count()} CPUs; photo {len(args.photo) / 1e6:.2f} MB JPEG 4000×3000 with "
          f"EXIF GPS; {load()}")
    rows: list[tuple] = []
    for database in [d.strip() for d in args.database.split(",") if d.strip()]:
        var = Path(tempfile.mkdtemp(prefix="balai-bench-"))
        try:
            if database == "sqlite":
                rows += run_database("SQLite (WAL)", {**base_env, "BALAI_VAR_DIR": str(var)},
                                     args)
                continue
            if database != "postgres":
                sys.exit(f"unknown database {database!r}: use sqlite or postgres")
            db = f"balai_bench_{os.getpid()}"
            try:
                subprocess.run(["psql", f"{PG_BASE}/postgres", "-q", "-c",
                                f"CREATE DATABASE {db}"], check=True, capture_output=True)
            except (OSError, subprocess.CalledProcessError):
                print(f"\nPostgreSQL is not reachable at {PG_BASE}; skipped.")
                continue
            try:
                rows += run_database("PostgreSQL", {**base_env, "BALAI_VAR_DIR": str(var),
                                                    "DATABASE_URL": f"{PG_BASE}/{db}"}, args)
            finally:
                subprocess.run(["psql", f"{PG_BASE}/postgres", "-q", "-c",
                                f"DROP DATABASE {db} WITH (FORCE)"],
                               check=False, capture_output=True)
        finally:
            shutil.rmtree(var, ignore_errors=True)
    summary(rows)


if __name__ == "__main__":
    main()
