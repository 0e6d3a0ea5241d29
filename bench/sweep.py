"""The complaint SLA sweep with 1,000,000 complaints in PostgreSQL (DESIGN.md §8).

Reuses bench/scale.py's database `balai_scale` (the demo city and N made-up complaints over
three years in every state; built when missing). The worker runs the sweep every few
minutes, so what matters is a sweep in the steady state: most open cases were warned or
escalated by earlier sweeps, and a few cross a threshold today. The bench

1. marks every running case submitted over 30 days ago as already warned and escalated,
   and closes the answered cases whose reply window ended over 30 days ago (what earlier
   sweeps did), then runs one untimed catch-up sweep for the rest;
2. times a sweep with nothing new to do (`--repeat` times);
3. clears the flags of `--due` running cases and times the sweep that escalates them.

    .venv/bin/python bench/sweep.py [--rows 1000000] [--rebuild] [--repeat 5] [--due 1000]

It prints the wall time of each sweep and how many rows its selection read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import DB, PG, ensure_database, generate  # noqa: E402

RUNNING = ("baru", "terverifikasi", "diproses")
STAGE_SQL = "CASE WHEN status = 'baru' THEN 'verify' ELSE 'followup' END"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    ensure_database(args.rebuild)
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from balai.accounts.models import User
    from balai.complaints import sla
    from balai.complaints.models import Complaint

    if not User.objects.filter(email="verifikator@demo.balai.id").exists():
        print("loading the demo city ...", flush=True)
        call_command("demo", "--no-progress", verbosity=0)
    generate(args.rows)

    with connection.cursor() as cursor:
        cursor.execute(f"""
            UPDATE complaints_complaint SET sla_warned = {STAGE_SQL},
                   sla_escalated = {STAGE_SQL}
             WHERE code LIKE 'SKL-%%' AND status = ANY(%s)
               AND submitted_at < now() - interval '30 days'
               AND sla_escalated IS DISTINCT FROM {STAGE_SQL}""", [list(RUNNING)])
        print(f"marked {cursor.rowcount:,} older running cases as already escalated")
        cursor.execute("""
            UPDATE complaints_complaint SET status = 'ditutup', closed_at = now()
             WHERE code LIKE 'SKL-%%' AND status = 'selesai'
               AND autoclose_due < current_date - 30""")
        print(f"closed {cursor.rowcount:,} older answered cases (earlier sweeps auto-closed them)")
    refresh = getattr(sla, "complaints_alarms_refresh", None)
    if refresh is not None:  # stored alarms: fill them for the rows bulk-loaded above
        ms, n = timed(lambda: refresh(Complaint.objects.filter(code__startswith="SKL-")))
        print(f"stored alarms for {n:,} running cases in {ms / 1000:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE complaints_complaint")

    total = Complaint.objects.count()
    running = Complaint.objects.filter(status__in=RUNNING).count()
    version = "stored alarms" if refresh else "scan of every running case"
    print(f"\n{total:,} complaints, {running:,} with a running clock; sweep: {version}\n")
    ms, counts = timed(sla.complaints_sla_sweep)
    print(f"catch-up sweep              {ms:9.1f} ms  {counts}")

    times = sorted(timed(sla.complaints_sla_sweep)[0] for _ in range(args.repeat))
    print(f"sweep, nothing new to do    {statistics.median(times):9.1f} ms  "
          f"(median of {args.repeat}; min {times[0]:.1f}, max {times[-1]:.1f})")

    with connection.cursor() as cursor:
        cursor.execute("""
            UPDATE complaints_complaint SET sla_warned = '', sla_escalated = ''
             WHERE id IN (SELECT id FROM complaints_complaint
                           WHERE code LIKE 'SKL-%%' AND status = ANY(%s)
                           ORDER BY id LIMIT %s)
            RETURNING id""", [list(RUNNING), args.due])
        cleared = [row[0] for row in cursor.fetchall()]
    if refresh is not None:  # their alarms are pending again
        refresh(Complaint.objects.filter(pk__in=cleared))
    ms, counts = timed(sla.complaints_sla_sweep)
    print(f"sweep escalating {len(cleared):,} cases {ms:9.1f} ms  {counts}  "
          f"({ms / max(counts['escalated'], 1):.2f} ms per escalation)")


if __name__ == "__main__":
    main()
