"""The task queue: django-tasks on the database (balai's default) against RQ on Redis
(django-tasks-rq), with figures for docs/performance.md, "Queue: database or RQ" (issue 21).

On a fresh PostgreSQL database (migrated; BENCH_PG, default
postgres://postgres@127.0.0.1:5432) and the machine's Redis (BENCH_REDIS, default
redis://127.0.0.1:6379/14, emptied first), for each backend in turn:

  * db        `balai worker` ×2 (django-tasks' database backend, as balai deploys it:
              polls the task table every --interval seconds, 1 by default),
  * rq        RQ's own worker ×2 (`manage.py rqworker`, which forks a work horse per job),
  * rq-simple RQ's SimpleWorker ×2 (no fork),

it prints:
  * the cost of enqueueing one task from a transaction (on commit, as balai's services
    do), p50/p95 in µs, and the SQL statements it adds;
  * how fast two waiting workers get through N no-op tasks and N/2 tasks of 10 ms CPU
    enqueued one by one, in tasks/s, with the CPU each part (workers, PostgreSQL, Redis)
    spent per task;
  * the latency from enqueue to start with the workers waiting (20 tasks/s for 10 s);
  * what two idle workers cost: PostgreSQL transactions/s and CPU over 15 s.

The tasks are bench/queue_tasks.py; the RQ settings bench/queue_settings.py (balai's,
with django_rq and the RQ backend). Needs the `rq` extra (`make bench-queue` installs it).

    .venv/bin/python bench/task_queue.py [--tasks 2000] [--backends db,rq,rq-simple]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import complaints_http as http_bench  # noqa: E402 - bench/ is not a package

PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
PYTHON = sys.executable
BACKENDS = {
    "db": ("balai.settings", [PYTHON, "-m", "balai.cli", "worker"]),
    # django-tasks-rq's Job class runs a django-tasks Task (RQ's own cannot call one).
    "rq": ("queue_settings", [PYTHON, "manage.py", "rqworker", "default",
                              "--job-class", "django_tasks_rq.Job"]),
    "rq-simple": ("queue_settings", [PYTHON, "manage.py", "rqworker", "default",
                                     "--job-class", "django_tasks_rq.Job",
                                     "--worker-class", "rq.worker.SimpleWorker"]),
}


# The child process: one backend, Django set up with its settings.

def _pending(kind: str) -> int:
    if kind == "db":
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    import django_rq

    queue = django_rq.get_queue("default")
    return len(queue) + queue.started_job_registry.count


def _failed(kind: str) -> int:
    if kind == "db":
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status="FAILED").count()
    import django_rq

    return django_rq.get_queue("default").failed_job_registry.count


def _clear(kind: str) -> None:
    if kind == "db":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()
    else:
        import django_rq

        django_rq.get_connection("default").flushdb()


def _start_workers(kind: str, env: dict, interval: float) -> list[subprocess.Popen]:
    cmd = list(BACKENDS[kind][1])
    if kind == "db":
        cmd += ["--interval", str(interval)]
    return [subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            for _ in range(2)]


def _stop(workers: list[subprocess.Popen]) -> None:
    for proc in workers:
        proc.terminate()
    for proc in workers:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _drain(kind: str, env: dict, task, n: int, interval: float) -> dict:
    """Two workers started and waiting, then N tasks enqueued one by one as fast as this
    process can: tasks/s from the first enqueue until none is left, and the CPU each part
    spent a task (the workers' start-up left out)."""
    _clear(kind)
    workers = _start_workers(kind, env, interval)
    time.sleep(5)  # started and waiting
    roles = {"workers": [p.pid for p in workers]}
    before, start = http_bench.cpu_seconds(roles), time.perf_counter()
    for i in range(n):
        task.enqueue(i)
    while _pending(kind):
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    after = http_bench.cpu_seconds(roles)
    _stop(workers)
    per = {k: (after[k] - before[k]) / n * 1000 for k in ("workers", "PostgreSQL", "Redis")}
    failed = _failed(kind)
    if failed:  # a figure of failing tasks would measure the wrong thing
        raise SystemExit(f"{kind}: {failed} of {n} tasks failed")
    return {"seconds": seconds, "rate": n / seconds, "cpu_ms": per}


def _latency(kind: str, env: dict, interval: float) -> dict:
    """Workers waiting; 20 tasks/s for 10 s: enqueue -> start, per task."""
    from queue_tasks import noop

    _clear(kind)
    workers = _start_workers(kind, env, interval)
    time.sleep(5)  # started and waiting
    ids = []
    for i in range(200):
        ids.append(noop.enqueue(i).id)
        time.sleep(0.05)
    deadline = time.monotonic() + 60
    while _pending(kind) and time.monotonic() < deadline:
        time.sleep(0.1)
    waits = []
    for result_id in ids:
        result = noop.get_result(result_id)
        if result.started_at and result.enqueued_at:
            waits.append((result.started_at - result.enqueued_at).total_seconds() * 1000)
    _stop(workers)
    return {"p50_ms": http_bench.pct(waits, 0.5), "p95_ms": http_bench.pct(waits, 0.95),
            "max_ms": max(waits), "n": len(waits)}


def _idle(kind: str, env: dict, db: str, interval: float, seconds: float = 15) -> dict:
    _clear(kind)
    workers = _start_workers(kind, env, interval)
    time.sleep(5)

    def xacts() -> int:
        return http_bench.psql(PG_BASE, f"SELECT xact_commit + xact_rollback FROM pg_stat_database "
                    f"WHERE datname = '{db}'")[0][0]

    roles = {"workers": [p.pid for p in workers]}
    before, x0 = http_bench.cpu_seconds(roles), xacts()
    time.sleep(seconds)
    after, x1 = http_bench.cpu_seconds(roles), xacts()
    _stop(workers)
    return {"xact_per_s": (x1 - x0) / seconds,
            "cpu_ms_per_s": {k: (after[k] - before[k]) / seconds * 1000
                             for k in ("workers", "PostgreSQL", "Redis")}}


def child(kind: str, db: str, n: int, interval: float) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = BACKENDS[kind][0]
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from queue_tasks import busy, noop

    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}
    _clear(kind)
    costs = []
    for i in range(1000):
        start = time.perf_counter()
        with transaction.atomic():
            transaction.on_commit(partial(noop.enqueue, i))
        costs.append((time.perf_counter() - start) * 1e6)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        transaction.on_commit(partial(noop.enqueue, -1))
    statements = sum(1 for q in queries.captured_queries
                     if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")))
    return {
        "enqueue_us": {"p50": http_bench.pct(costs, 0.5), "p95": http_bench.pct(costs, 0.95)},
        "enqueue_statements": statements,
        "drain_noop": _drain(kind, env, noop, n, interval),
        "drain_busy": _drain(kind, env, busy, n // 2, interval),
        "latency": _latency(kind, env, interval),
        "idle": _idle(kind, env, db, interval),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--backends", default="db,rq,rq-simple")
    parser.add_argument("--interval", type=float, default=1.0,
                        help="`balai worker --interval` (its production default: 1 s)")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    parser.add_argument("--db", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.tasks, args.interval)))
        return 0
    import importlib.util

    if importlib.util.find_spec("django_tasks_rq") is None:
        sys.exit("bench/task_queue.py needs the rq extra: make bench-queue (pip install -e .[rq])")
    db = f"balai_queue_{os.getpid()}"
    env = {**os.environ, "DATABASE_URL": f"{PG_BASE}/{db}", "BENCH_REDIS": REDIS,
           "DEBUG": "0", "LOG_LEVEL": "WARNING", "SECRET_KEY": "bench-" + "x" * 50,
           "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}
    env.pop("REDIS_URL", None)
    print(f"queue bench: {args.tasks} no-op tasks and {args.tasks // 2} tasks of 10 ms CPU "
          f"per backend, 2 workers; PostgreSQL, Redis {REDIS}; {os.cpu_count()} CPUs; "
          f"{http_bench.load()}", flush=True)
    http_bench.psql(PG_BASE, f'CREATE DATABASE "{db}"')
    results = {}
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env,
                       cwd=ROOT, check=True)
        for kind in args.backends.split(","):
            out = subprocess.run(
                [PYTHON, str(Path(__file__)), "--child", kind, "--db", db, "--tasks",
                 str(args.tasks), "--interval", str(args.interval)],
                env={**env, "DJANGO_SETTINGS_MODULE": BACKENDS[kind][0]}, cwd=ROOT,
                check=True, capture_output=True, text=True).stdout
            results[kind] = json.loads(out.strip().splitlines()[-1])
            print(f"  {kind}: done  [{http_bench.load()}]", flush=True)
    finally:
        http_bench.psql(PG_BASE, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    print(f"\n{'':38}" + "".join(f"{k:>16}" for k in results))

    def row(label: str, fmt, get) -> None:
        print(f"{label:38}" + "".join(f"{fmt(get(r)):>16}" for r in results.values()))

    row("enqueue on commit, p50 / p95 (µs)", lambda v: f"{v['p50']:.0f} / {v['p95']:.0f}",
        lambda r: r["enqueue_us"])
    row("SQL statements an enqueue adds", str, lambda r: r["enqueue_statements"])
    for key, label in (("drain_noop", "no-op"), ("drain_busy", "10 ms CPU")):
        row(f"{label} tasks: tasks/s", lambda v: f"{v:.0f}", lambda r, k=key: r[k]["rate"])
        for part in ("workers", "PostgreSQL", "Redis"):
            row(f"  CPU a task: {part} (ms)", lambda v: f"{v:.2f}",
                lambda r, k=key, p=part: r[k]["cpu_ms"][p])
    row("enqueue -> start, p50 / p95 (ms)",
        lambda v: f"{v['p50_ms']:.0f} / {v['p95_ms']:.0f}", lambda r: r["latency"])
    row("idle: PostgreSQL transactions/s", lambda v: f"{v:.1f}",
        lambda r: r["idle"]["xact_per_s"])
    for part in ("workers", "PostgreSQL", "Redis"):
        row(f"idle: CPU {part} (ms/s)", lambda v: f"{v:.1f}",
            lambda r, p=part: r["idle"]["cpu_ms_per_s"][p])
    return 0


if __name__ == "__main__":
    sys.exit(main())
