"""Photos at 50 per second sustained (issue 21): does every photo get published in time?

Against a running `balai serve --workers 2` and `balai worker` processes on PostgreSQL
(started as balai/core/cluster.py starts its hosts, with its helpers), an open-loop
client (bench/complaints_http.py's `paced`) submits complaints at a fixed rate (default
50/s for 300 s), each with one photo as the report form now sends it after resizing in
the browser: a 2048 × 1536 JPEG of about 500 KB without EXIF, the pin sent as lat/lng.
While it runs and afterwards (until the backlog drains or --drain seconds pass) it
samples the pending photos and the load average every --every seconds, then prints:

  * the backlog of pending photos over time,
  * p50/p95/p99 submission latency (from the scheduled send: no coordinated omission),
  * p50/p95/max time from submission (the complaint's commit) to publication (the
    worker's claim that makes the photo ready), over every photo submitted, and how
    many were published within --target seconds (60),
  * a profile of the worker's `photo_process` on 20 further photos, in one process
    with the web idle: decode, re-encode (image and thumbnail), storage (reading the
    original, writing the private and public copies, deleting the original), database.

Not run by CI (minutes of full load on the machine). Needs a PostgreSQL server
(BENCH_PG, default postgres://postgres@127.0.0.1:5432). The database is made with
`balai migrate` and `balai demo` (minutes) unless --template-db names one that holds
the demo already (copied with CREATE DATABASE … TEMPLATE).

    .venv/bin/python bench/photos_rate.py [--rate 50] [--duration 300] [--workers 2]
        [--template-db NAME] [--drain 300] [--every 5]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import complaints_http as http_bench  # noqa: E402 - bench/ is not a package

from balai.core.cluster import BALAI, free_port, postgres_reachable, wait_for  # noqa: E402

PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

PROFILE = r"""
import cProfile, json, pstats, time
from balai.complaints.models import ComplaintPhoto
from balai.complaints.photos import photo_process
ids = list(ComplaintPhoto.objects.filter(state="pending").values_list("pk", flat=True))
prof = cProfile.Profile()
start = time.perf_counter()
prof.enable()
for pk in ids:
    photo_process(photo_id=pk)
prof.disable()
wall = time.perf_counter() - start
stats = pstats.Stats(prof).stats
def total(*needles):
    return sum(s[3] for (f, line, name), s in stats.items()
               if any(f.endswith(path) and name == fn for path, fn in needles))
out = {
    "photos": len(ids), "wall": wall,
    "decode": total(("PIL/ImageFile.py", "load")),
    "encode": total(("PIL/Image.py", "save")),
    "resize": total(("PIL/Image.py", "resize")),
    "transpose": total(("PIL/ImageOps.py", "exif_transpose")),
    "storage": total(("core/files/storage/base.py", "save"),
                     ("core/files/storage/base.py", "open"),
                     ("core/files/storage/filesystem.py", "delete"),
                     ("core/files/utils.py", "read")),
    "database": total(("db/backends/utils.py", "_execute"),
                      ("db/backends/base/base.py", "commit")),
}
print(json.dumps(out))
"""


def spawn(cmd: list[str], env: dict, log: Path) -> subprocess.Popen:
    out = open(log, "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)


def publication_times(db: str, sent_at0: float, rate: float) -> tuple[list, list, int]:
    """For every bench photo processed: seconds from its scheduled send (what the citizen
    waits: the web's queue, the submission, the worker's queue and work) and from its
    commit (the worker's part only) to ready; and how many are not ready. The paced
    client numbers its idempotency keys, so request n was due at sent_at0 + n / rate."""
    rows = http_bench.psql(PG_BASE, "SELECT p.state, EXTRACT(EPOCH FROM p.updated_at), "
                "EXTRACT(EPOCH FROM p.updated_at - p.created_at), c.idempotency_key "
                "FROM complaints_complaintphoto p JOIN complaints_complaint c "
                "ON c.id = p.complaint_id WHERE c.title LIKE '%(benchmark)'", db)
    from_send = [float(at) - (sent_at0 + int(key.rsplit("-", 1)[1]) / rate)
                 for state, at, _, key in rows if state == "ready"]
    from_commit = [float(t) for state, _, t, _ in rows if state == "ready"]
    return from_send, from_commit, sum(1 for row in rows if row[0] != "ready")


def main() -> int:  # noqa: PLR0915 - one linear scenario
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2,
                        help="`balai worker` processes; 0: none during the load, then two "
                             "`balai worker --once` with the web idle (each capacity apart)")
    parser.add_argument("--drain", type=int, default=300,
                        help="seconds to wait after the load for the backlog to drain")
    parser.add_argument("--every", type=float, default=5, help="seconds between samples")
    parser.add_argument("--target", type=float, default=60,
                        help="seconds within which every photo should be published")
    parser.add_argument("--template-db", default=os.environ.get("BENCH_TEMPLATE_DB", ""))
    parser.add_argument("--keep", action="store_true", help="keep the database and var/")
    args = parser.parse_args()
    if reason := postgres_reachable(PG_BASE):
        sys.exit(reason)

    photo = http_bench.photo_2mb(target=500_000, size=(2048, 1536), exif_gps=False)
    root = Path(tempfile.mkdtemp(prefix="balai-photos-rate-"))
    db = f"balai_photos_rate_{os.getpid()}"
    env = {**os.environ, "DEBUG": "0", "COMPLAINT_REPORTS_PER_HOUR": "100000000",
           "AXES_ENABLED": "0", "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
           "LOG_LEVEL": "WARNING", "STAFF_2FA": "optional", "DATABASE_URL": f"{PG_BASE}/{db}",
           "BALAI_VAR_DIR": str(root / "var"), "PYTHONUNBUFFERED": "1"}
    for key in [k for k in env if k.startswith(("AWS_", "REDIS_"))]:
        del env[key]
    (root / "var").mkdir()
    print(f"photos_rate: {args.rate:g}/s for {args.duration} s, one {len(photo) / 1e3:.0f} KB "
          f"2048 × 1536 JPEG each; `balai serve --workers 2` + {args.workers} × `balai "
          f"worker`; PostgreSQL; {os.cpu_count()} CPUs; {http_bench.load()}", flush=True)
    procs: list[subprocess.Popen] = []
    try:
        if args.template_db:
            http_bench.psql(PG_BASE, f'CREATE DATABASE "{db}" TEMPLATE "{args.template_db}"')
            subprocess.run([*BALAI, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT,
                           check=True)
        else:
            http_bench.psql(PG_BASE, f'CREATE DATABASE "{db}"')
            print("migrate and the demo city (minutes)…", flush=True)
            subprocess.run([*BALAI, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT,
                           check=True)
            subprocess.run([*BALAI, "demo", "--no-progress"], env=env, cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        # Earlier photos of the demo are not part of the measurement.
        subprocess.run([*BALAI, "worker", "--once"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        category = http_bench.shell(env, "from balai.complaints.models import Category as C;"
                                         "print(C.objects.get(code='sampah').pk)")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        procs.append(spawn([*BALAI, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
                           env, root / "web.log"))
        wait_for(f"{base}/ping", timeout=120, what="balai serve", proc=procs[0])
        for n in range(args.workers):
            procs.append(spawn([*BALAI, "worker", "--interval", "0.2"], env,
                               root / f"worker-{n}.log"))
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"{base}/pengaduan/lapor/")
        cookies = {c.name: c.value for c in jar}
        head, tail = http_bench.multipart({
            "category": category, "lat": "-7.9826", "lng": "112.6308",
            "title": "Sampah menumpuk (benchmark)",
            "description": "Laporan uji beban dari bench/photos_rate.py.",
            "reporter_email": "bench@example.id", "website": "", "address": ""}, photo)
        headers = {"Content-Type": "multipart/form-data; boundary=BENCHBOUNDARY",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                   "X-CSRFToken": cookies["csrftoken"], "Referer": f"{base}/pengaduan/lapor/"}
        head = head.replace(b"bench-", f"bench-{secrets.token_hex(3)}-".encode())

        samples: list[tuple[float, int, float]] = []
        stop = threading.Event()
        started = time.monotonic()

        def sample() -> None:
            while not stop.is_set():
                samples.append((time.monotonic() - started, http_bench.pending_photos(env),
                                os.getloadavg()[0]))
                stop.wait(args.every)

        roles = {"web": [procs[0].pid], "workers": [p.pid for p in procs[1:]]}
        cpu_before = http_bench.cpu_seconds(roles)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # paced() schedules request n at its start + 0.2 s + n / rate.
        sent_at0 = time.time() + 0.2
        r = http_bench.paced("127.0.0.1", port, "/pengaduan/lapor/", rate=args.rate,
                             duration=args.duration, head=head, tail=tail, headers=headers,
                             concurrency=128)
        load_end = time.monotonic() - started
        drained = None
        if not args.workers:  # the two capacities apart: now the workers with the web idle
            drained = http_bench.drain_photos(env)
        drain_until = time.monotonic() + args.drain
        while time.monotonic() < drain_until and http_bench.pending_photos(env):
            time.sleep(1)
        stop.set()
        sampler.join()
        drained_at = time.monotonic() - started
        cpu_after = http_bench.cpu_seconds(roles)
        print(f"\nsubmissions: {r['requests']} offered, {r['requests'] - r['non2xx']} "
              f"accepted ({r['rps']:.1f}/s), failed {r['non2xx']}; latency p50 "
              f"{r['p50'] / 1000:.0f} ms, p95 {r['p95'] / 1000:.0f} ms, p99 "
              f"{r['p99'] / 1000:.0f} ms  [{r['load']}]")
        if drained:
            print(f"then 2 × balai worker --once, web idle: {drained['photos']} photos in "
                  f"{drained['seconds']:.1f} s = {drained['rate']:.1f} photos/s "
                  f"[{drained['load']}]")
        print(f"\n{'t (s)':>7} {'pending':>8} {'load 1m':>8}")
        for t, pending, load1 in samples:
            print(f"{t:7.0f} {pending:8d} {load1:8.2f}")
        times, from_commit, unpublished = publication_times(db, sent_at0, args.rate)
        within = sum(1 for t in times if t <= args.target)
        total = len(times) + unpublished
        print(f"\nload ended at {load_end:.0f} s; backlog "
              f"{'drained' if not unpublished else 'NOT drained'} at {drained_at:.0f} s")
        print(f"scheduled send → publication: p50 {http_bench.pct(times, 0.5):.1f} s, p95 "
              f"{http_bench.pct(times, 0.95):.1f} s, max {max(times, default=float('nan')):.1f} s; "
              f"{within} of {total} within {args.target:g} s ({within / max(total, 1):.1%}); "
              f"{unpublished} not published when the bench stopped waiting")
        print(f"commit → publication (the worker's queue and work only): p50 "
              f"{http_bench.pct(from_commit, 0.5):.1f} s, p95 "
              f"{http_bench.pct(from_commit, 0.95):.1f} s")
        if times:
            print(f"photos published: {len(times)} in {drained_at:.0f} s since the first send "
                  f"({len(times) / drained_at:.1f}/s on average)")
        if times:
            # What each part costs a submission, whatever the machine's cores: the rate two
            # cores can carry, and the cores 50/s would take (web + workers + database).
            per = {k: (cpu_after[k] - cpu_before[k]) / len(times) * 1000 for k in cpu_after}
            server = per["web"] + per["workers"] + per["PostgreSQL"]
            others = per["machine"] - server - per["this client"]
            print("CPU per published submission: " + ", ".join(
                f"{k} {per[k]:.1f} ms" for k in ("web", "workers", "PostgreSQL",
                                                 "this client")) +
                  f"; the rest of the machine {others:.1f} ms. balai's own {server:.1f} ms a "
                  f"submission: {os.cpu_count()} cores carry at most "
                  f"{os.cpu_count() * 1000 / server:.0f}/s; {args.rate:g}/s needs "
                  f"{args.rate * server / 1000:.1f} cores for balai alone")
        verdict = "PASS" if total and within == total else "MISS"
        print(f"target (every photo published within {args.target:g} s): {verdict}")

        # The worker's share, profiled: stop the workers, queue 20 more, process in-process.
        for proc in procs[1:]:
            proc.terminate()
            proc.wait(timeout=30)
        for _ in range(20):
            body = head + secrets.token_hex(8).encode() + tail
            req = urllib.request.Request(f"{base}/pengaduan/lapor/", data=body, headers=headers)
            urllib.request.urlopen(req, timeout=30).read()  # noqa: S310 - loopback
        prof = json.loads(http_bench.shell(env, PROFILE))
        n = prof["photos"] or 1
        print(f"\nphoto_process profiled (cProfile, {prof['photos']} photos, web idle, "
              f"{http_bench.load()}): {prof['wall'] / n * 1000:.1f} ms a photo in all; decode "
              f"{prof['decode'] / n * 1000:.1f} ms, encode (image + thumbnail) "
              f"{prof['encode'] / n * 1000:.1f} ms, resize {prof['resize'] / n * 1000:.1f} ms, "
              f"EXIF transpose {prof['transpose'] / n * 1000:.1f} ms, storage "
              f"{prof['storage'] / n * 1000:.1f} ms, database {prof['database'] / n * 1000:.1f} "
              "ms (cProfile adds its own overhead; the parts overlap where one calls another)")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if not args.keep:
            http_bench.psql(PG_BASE, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            subprocess.run(["rm", "-rf", str(root)], check=False)
        else:
            print(f"kept: database {db}, files under {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
