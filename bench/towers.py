"""The tower registry at a realistic large size in PostgreSQL (DESIGN.md §8: every new list
answers in p95 < 100 ms at its realistic size).

Builds a database `balai_towers_bench` with N made-up towers (default 100,000: more than
Indonesia's kab/kota keep between them) over a 0.5° box, 40 companies, a building permit on
80 % of them and 200 cell-plan zones, then times, through Django's test client as a tower
officer, the staff list (first page; filtered by status; a search; the permit gap), a
tower's staff page, the public plate page and the siting rules on a point (the indexed box
prefilter plus the exact distance). Prints p50/p95 per page.

    .venv/bin/python bench/towers.py [--rows 100000] [--repeat 30] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

# This checkout's balai, not whichever one the virtualenv's editable install points at.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = "balai_towers_bench"
TARGET_MS = 100.0


def ensure_database(rebuild: bool) -> bool:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()
        if exists and rebuild:
            conn.execute(f"DROP DATABASE {DB} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {DB}")
    return not exists


def generate(rows: int) -> None:
    from decimal import Decimal

    from balai.towers.models import Permit, SiteType, Tower, TowerCompany, Zone

    rng = random.Random(14)
    companies = TowerCompany.objects.bulk_create(
        TowerCompany(name=f"PT Menara Uji {i:02d}", nib=f"91200{i:08d}") for i in range(40))
    statuses = ["active"] * 90 + ["planned"] * 3 + ["dismantled"] * 4 + ["illegal"] * 3
    batch = 10_000
    for start in range(0, rows, batch):
        Tower.objects.bulk_create(
            Tower(code=f"BNC-{i:06d}", name=f"Site {i}", lat=-8.2 + rng.random() * 0.5,
                  lng=112.4 + rng.random() * 0.5, site_type=rng.choice(SiteType.values),
                  height_m=Decimal(rng.choice([20, 32, 42, 52, 72])),
                  company=rng.choice(companies), status=rng.choice(statuses),
                  year_built=rng.randint(2005, 2025))
            for i in range(start, min(rows, start + batch)))
    ids = list(Tower.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        Permit.objects.bulk_create(
            Permit(tower_id=pk, kind="pbg", number=f"PBG-{pk}", issued_on="2020-01-01")
            for pk in ids[start:start + batch] if rng.random() < 0.8)
    Zone.objects.bulk_create(
        Zone(name=f"Zona Sel {i}", kind="allowed", centre_lat=-8.2 + rng.random() * 0.5,
             centre_lng=112.4 + rng.random() * 0.5, radius_m=800, max_height_m=52,
             legal_source="bench") for i in range(200))


def timed(client, url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    fresh = ensure_database(args.rebuild)
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    os.environ.setdefault("STAFF_2FA", "optional")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from balai.accounts.models import Role, User
    from balai.towers.models import Tower

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if fresh or not Tower.objects.exists():
        start = time.perf_counter()
        generate(args.rows)
        print(f"generated {args.rows:,} towers in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    officer = User.objects.filter(email="bench.menara@example.id").first() or \
        User.objects.create_user(email="bench.menara@example.id", password="x",
                                 role=Role.PETUGAS_MENARA, full_name="Bench")
    client = Client()
    client.force_login(officer)
    middle = Tower.objects.order_by("code")[Tower.objects.count() // 2]
    pages = {
        "staff list, first page": "/menara/staf/",
        "staff list, status=illegal": "/menara/staf/?status=illegal",
        "staff list, search a plate code": "/menara/staf/?q=bnc-049999",
        "staff list, search part of a code": "/menara/staf/?q=BNC-04999",
        "staff list, search 'Uji 07' (~all)": "/menara/staf/?q=Uji+07",
        "staff list, without PBG": "/menara/staf/?tanpa_pbg=1",
        "staff list, page 200": "/menara/staf/?page=200",
        "tower staff page": f"/menara/staf/{middle.pk}/",
        "public plate page": f"/menara/{middle.code}/",
        "cek titik (rules on a point)": "/menara/cek-titik/?lat=-7.95&lng=112.65&height_m=30",
    }
    settings.TOWERS_CHECKS_PER_HOUR = 10**9
    print(f"{Tower.objects.count():,} towers in PostgreSQL; {args.repeat} requests each")
    print(f"{'page':38} {'p50 ms':>8} {'p95 ms':>8}")
    for name, url in pages.items():
        timed(client, url, 2)  # warm
        times = sorted(timed(client, url, args.repeat))
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        flag = "" if p95 < TARGET_MS else f"  (over the {TARGET_MS:.0f} ms target)"
        print(f"{name:38} {statistics.median(times):8.1f} {p95:8.1f}{flag}")


if __name__ == "__main__":
    main()
