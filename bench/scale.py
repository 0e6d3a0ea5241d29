"""Staff lists and the dashboard with 1,000,000 complaints in PostgreSQL (DESIGN.md §8).

Builds (or reuses) a PostgreSQL database `balai_scale` with the demo city and N made-up
complaints spread over three years in every state, then times each staff page through
Django's test client in this process (view, queries, template; no HTTP server, no
network) and prints p50/p95/max per page against the 200 ms target.

    .venv/bin/python bench/scale.py [--rows 1000000] [--rebuild] [--repeat 30]

The database is kept between runs (`--rebuild` makes it again); generating a million
rows takes a minute or two on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = "balai_scale"
TARGET_MS = 200.0

# Share of each status among the generated cases: an office a few years in, most closed.
STATUS_WEIGHTS = [("ditutup", 70), ("selesai", 5), ("diproses", 5), ("terverifikasi", 4),
                  ("baru", 3), ("menunggu_info", 2), ("diteruskan", 5), ("diarsipkan", 6)]


def ensure_database(rebuild: bool) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [DB]).fetchone()
        if exists and rebuild:
            conn.execute(f"DROP DATABASE {DB} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {DB}")


def generate(rows: int) -> None:
    """Insert `rows` complaints in one INSERT ... SELECT over generate_series."""
    from django.db import connection

    from balai.agencies.models import Agency
    from balai.complaints.models import Category, Complaint
    from balai.geo.models import Area

    have = Complaint.objects.filter(code__startswith="SKL-").count()
    if have >= rows:
        print(f"reusing {have:,} generated complaints")
        return
    categories = list(Category.objects.values_list("pk", flat=True))
    agencies = list(Agency.objects.filter(is_external=False).values_list("pk", flat=True))
    kelurahan = list(Area.objects.filter(level="kelurahan").values_list("pk", "parent_id"))
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    print(f"generating {rows - have:,} complaints ({len(categories)} categories, "
          f"{len(agencies)} agencies, {len(kelurahan)} kelurahan) ...", flush=True)
    start = time.perf_counter()
    sql = """
    INSERT INTO complaints_complaint (
        code, secret_hash, category_id, title, description, lat, lng, address,
        kelurahan_id, kecamatan_id, status, channel, reporter_name, reporter_email,
        reporter_phone, is_anonymous, is_confidential, agency_id, routing_rule,
        routing_facts, routing_explanation, routing_ambiguous, disposition_note,
        external_reference, archive_reason, submitted_at, clock_start, verify_due,
        followup_start, followup_due, autoclose_due, sla_warned, sla_escalated, answer,
        answered_at, closed_at, rating, rating_comment, supporters_count, share_identity,
        pending_answer, created_at, updated_at)
    SELECT
        'SKL-' || lpad(i::text, 7, '0'), md5(i::text), c.cat, 'Aduan uji ' || i,
        'Uraian aduan buatan nomor ' || i || ' untuk uji skala.',
        -7.98 + (random() - 0.5) * 0.08, 112.63 + (random() - 0.5) * 0.08, '',
        k.kel, k.kec, s.status,
        (ARRAY['web','web','web','112','whatsapp','walk_in'])[(1 + mod(i, 6))::int],
        'Warga ' || i, 'warga' || i || '@contoh.id', '', (mod(i, 10) = 0), (mod(i, 25) = 0),
        CASE WHEN s.status = 'baru' THEN NULL ELSE a.agency END, 'category', '{}', '',
        false, '', '', CASE WHEN s.status = 'diarsipkan' THEN 'spam' ELSE '' END,
        t.at, t.at::date, t.at::date + 3,
        CASE WHEN s.status = 'baru' THEN NULL ELSE t.at::date + 2 END,
        CASE WHEN s.status = 'baru' THEN NULL ELSE t.at::date + 9 END,
        CASE WHEN s.status IN ('selesai', 'ditutup') THEN t.at::date + 24 END,
        '', '', CASE WHEN s.status IN ('selesai', 'ditutup') THEN 'Sudah ditangani.' ELSE '' END,
        CASE WHEN s.status IN ('selesai', 'ditutup')
             THEN t.at + make_interval(secs => random() * 14 * 86400) END,
        CASE WHEN s.status = 'ditutup' THEN t.at + interval '20 days' END,
        CASE WHEN s.status = 'ditutup' AND mod(i, 3) = 0 THEN 1 + mod(i, 5) END, '',
        0, false, '', t.at, t.at
    FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS i
    CROSS JOIN LATERAL (SELECT (%(cats)s::int[])[(1 + (i * 7919) %% %(ncat)s)::int] AS cat) c
    CROSS JOIN LATERAL (SELECT (%(ags)s::int[])[(1 + (i * 104729) %% %(nag)s)::int] AS agency) a
    CROSS JOIN LATERAL (SELECT (%(kels)s::int[])[(1 + (i * 15485863) %% %(nkel)s)::int] AS kel,
                               (%(kecs)s::int[])[(1 + (i * 15485863) %% %(nkel)s)::int] AS kec) k
    CROSS JOIN LATERAL (SELECT (%(statuses)s::text[])[(1 + (i * 31) %% 100)::int] AS status) s
    CROSS JOIN LATERAL (SELECT now() - ((%(total)s - i) * interval '1 second' * %(spread)s)
                        AS at) t
    """
    batch = 100_000
    spread = 3 * 365 * 86400 / rows  # three years of cases, newest last
    with connection.cursor() as cursor:
        for first in range(have + 1, rows + 1, batch):
            last = min(first + batch - 1, rows)
            cursor.execute(sql, {
                "first": first, "last": last, "total": rows, "spread": spread,
                "cats": categories, "ncat": len(categories),
                "ags": agencies, "nag": len(agencies),
                "kels": [k for k, _ in kelurahan], "kecs": [p for _, p in kelurahan],
                "nkel": len(kelurahan), "statuses": statuses,
            })
            print(f"  {last:>9,} rows  {time.perf_counter() - start:6.1f} s", flush=True)
    # A database in service is vacuumed by autovacuum; right after a bulk load it is not
    # yet, and index-only scans would still visit every heap page.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE complaints_complaint")
    print(f"generated in {time.perf_counter() - start:.1f} s")


def rollup() -> None:
    """The daily roll-up of every generated day, as `balai worker` keeps it (issue 20);
    built once, then kept."""
    from django.core.management import call_command
    from django.db.models import Sum

    from balai.complaints.models import Complaint, PerformanceDay

    # The demo city builds its own roll-up: reuse only one that holds the generated rows.
    rolled = PerformanceDay.objects.filter(kind="agency").aggregate(n=Sum("received"))["n"]
    if rolled and rolled >= Complaint.objects.count():
        print("reusing the daily roll-up")
        return
    print("building the daily roll-up of every day ...", flush=True)
    start = time.perf_counter()
    call_command("complaints_rollup")
    print(f"roll-up built in {time.perf_counter() - start:.1f} s")


def rollup_follow() -> None:
    """One run of the worker's roll-up job, as every 5 minutes in service: the days of the
    complaints changed since its last run rebuilt, its cursor moved to now."""
    from balai.complaints.rollup import complaints_rollup_sweep

    start = time.perf_counter()
    done = complaints_rollup_sweep()
    print(f"roll-up job: {done['days_rebuilt']} days rebuilt in "
          f"{time.perf_counter() - start:.1f} s")


def measure(client, url: str, repeat: int) -> list[float]:
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        b"".join(response) if response.streaming else response.content  # noqa: B018
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        response.content  # noqa: B018
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", default="", help="time only the pages whose URL "
                        "contains this text (e.g. kinerja)")
    args = parser.parse_args()

    ensure_database(args.rebuild)
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    os.environ["STAFF_2FA"] = "optional"  # the page cost, not the login, is measured
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from balai.accounts.models import User
    from balai.complaints.models import Complaint

    if not User.objects.filter(email="verifikator@demo.balai.id").exists():
        print("loading the demo city ...", flush=True)
        call_command("demo", "--no-progress", verbosity=0)
    generate(args.rows)
    rollup()
    rollup_follow()
    total = Complaint.objects.count()
    sample = Complaint.objects.filter(code__startswith="SKL-", status="diproses",
                                      agency__code="pupr").order_by(
        "-id").values_list("pk", "code", "agency__code").first()
    pk, code, agency = sample

    pages = [
        ("verifikator", "verification queue (new cases)", "/pengaduan/staf/"),
        ("verifikator", "queue filtered: answered", "/pengaduan/staf/?status=selesai"),
        ("verifikator", "queue page 200", "/pengaduan/staf/?status=ditutup&page=200"),
        ("verifikator", "case detail", f"/pengaduan/staf/{pk}/"),
        ("verifikator", "overdue list", "/meja-kerja/terlambat/"),
        ("verifikator", "workdesk", "/meja-kerja/"),
        (f"operator.{agency}", "agency queue", "/pengaduan/staf/"),
        (f"operator.{agency}", "agency workdesk", "/meja-kerja/"),
        ("trc", "urgent list", "/pengaduan/staf/darurat/"),
        ("kadis", "statistics, last 30 days", "/meja-kerja/statistik/"),
        ("kadis", "statistics, one year",
         "/meja-kerja/statistik/?date_from=2025-12-01&date_to=2026-11-30"),
        (None, "public list", "/pengaduan/"),
        (None, "public list by kecamatan + status",
         "/pengaduan/?kecamatan=35.73.02&status=ditutup"),
        (None, "public tracking page", f"/pengaduan/lacak/{code}/"),
        # The performance tables read the daily roll-up (issue 20), not the complaints.
        (None, "performance tables, 30 days", "/pengaduan/kinerja/"),
        (None, "performance tables, quarter", "/pengaduan/kinerja/?periode=kuartal"),
        (None, "performance tables, year", "/pengaduan/kinerja/?periode=tahun"),
        # The command room (issue 19) summarises the lists above: never slower than they are.
        ("kadis", "command room", "/ruang-kendali/"),
        ("kadis", "command room map points", "/ruang-kendali/titik.geojson"),
        ("verifikator", "command room (desk)", "/ruang-kendali/"),
    ]
    print(f"\n{total:,} complaints in PostgreSQL; {args.repeat} timed requests per page "
          "after 3 warm-ups; in-process test client\n")
    print(f"{'page':<38} {'as':<22} {'p50':>8} {'p95':>8} {'max':>8}  target")
    misses = 0
    pages = [p for p in pages if args.only in p[2]]
    for who, label, url in pages:
        client = Client()
        if who:
            user = User.objects.filter(email=f"{who}@demo.balai.id").first()
            if user is None:
                print(f"{label:<38} {who:<22} (no demo user {who}; skipped)")
                continue
            client.force_login(user)
        times = sorted(measure(client, url, args.repeat))
        p50 = statistics.median(times)
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        ok = p95 < TARGET_MS
        misses += not ok
        print(f"{label:<38} {who or 'public':<22} {p50:7.1f}ms {p95:7.1f}ms "
              f"{times[-1]:7.1f}ms  {'PASS' if ok else 'MISS'} (p95 < {TARGET_MS:.0f} ms)")
    print(f"\n{len(pages) - misses} of {len(pages)} pages within the target")
    if "statistik" in args.only or not args.only:
        statistics_check()
    performance_cold(args.repeat)


def statistics_check() -> None:
    """The one-year statistics read from the roll-up against the same figures counted from
    the complaints (as if the roll-up had never been built), and the time of each."""
    from datetime import date

    from django.db import transaction

    from balai.complaints.models import RollupCursor
    from balai.complaints.selectors import complaint_statistics

    period = {"date_from": date(2025, 12, 1), "date_to": date(2026, 11, 30)}
    start = time.perf_counter()
    rolled = complaint_statistics(**period)
    rolled_ms = (time.perf_counter() - start) * 1000
    with transaction.atomic():
        RollupCursor.objects.filter(name="complaints").delete()
        start = time.perf_counter()
        direct = complaint_statistics(**period)
        direct_ms = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    print(f"\nstatistics, one year: roll-up {rolled_ms:.1f} ms, counted from the complaints "
          f"{direct_ms:.1f} ms; {'the same figures' if rolled == direct else 'DIFFERENT'} "
          f"({rolled['total']:,} complaints)")


def performance_cold(repeat: int) -> None:
    """The performance tables computed afresh each time (the cache emptied): what the
    first visitor after each roll-up run (every 5 minutes at most) waits for."""
    from django.core.cache import cache

    from balai.complaints.performance import performance_tables

    print("\nperformance tables computed afresh (cache emptied before each request)")
    for period in ("30", "kuartal", "tahun"):
        times = []
        for _ in range(repeat):
            cache.clear()
            start = time.perf_counter()
            performance_tables(period=period)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        print(f"  {period:<8} p50 {statistics.median(times):7.1f}ms  p95 {p95:7.1f}ms")


if __name__ == "__main__":
    main()
