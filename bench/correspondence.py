"""Persuratan at a realistic large size in PostgreSQL (DESIGN.md §8: every new list or search
answers in p95 < 100 ms at its realistic size; for letters, 1,000,000).

Builds a database `balai_correspondence_bench` with an office (a head, two kabid, four
staff, the front office) and N made-up incoming letters (default 1,000,000: ten years of a
large pemda's agenda books) with one disposition on 70 % of them and a second level on
half of those, 5 % rahasia and 10 % terbatas, inserted by SQL (INSERT ... SELECT
generate_series), then times, through Django's test client, what people open every day:
the agenda book of the head, of a kabid and of the front office (masked rahasia rows),
searches by agenda number, subject word, sender and a month, the queues, a letter's page
and the REST API's list. Prints p50/p95 per page.

    .venv/bin/python bench/correspondence.py [--rows 1000000] [--repeat 20] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = "balai_correspondence_bench"
TARGET_MS = 100.0
SUBJECTS = ["Undangan rapat koordinasi", "Permohonan data statistik", "Laporan kegiatan",
            "Pemberitahuan pemeliharaan jaringan", "Permohonan narasumber",
            "Usulan program kerja", "Penyampaian hasil evaluasi SPBE",
            "Permintaan informasi publik", "Surat edaran keamanan siber", "Nota kesepahaman"]
SENDERS = ["Bappeda Kota Malang", "Sekretariat Daerah", "Dinas Pendidikan", "BSSN",
           "Kementerian Kominfo", "Diskominfo Provinsi Jawa Timur", "PT Telkom Indonesia",
           "Universitas Brawijaya", "Kecamatan Klojen", "DPRD Kota Malang"]


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


def office():
    from balai.accounts.models import Role, User
    from balai.agencies.models import Agency
    from balai.correspondence.models import Position

    agency, _ = Agency.objects.get_or_create(code="diskominfo", defaults={
        "name": "Dinas Komunikasi dan Informatika", "short_name": "Diskominfo"})

    def person(email, role, name, title, parent=None):
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password="x", role=role, full_name=name)
        position = None
        if title:
            position, _ = Position.objects.get_or_create(user=user, defaults={
                "agency": agency, "title": title, "parent": parent, "unit_code": "DISKOMINFO"})
        return user, position

    head, ph = person("bench.kadis@example.id", Role.KEPALA_DINAS, "Kadis", "Kepala Dinas")
    k1, p1 = person("bench.kabid1@example.id", Role.OPERATOR_OPD, "Kabid IKP",
                    "Kepala Bidang IKP", ph)
    k2, p2 = person("bench.kabid2@example.id", Role.OPERATOR_OPD, "Kabid Aptika",
                    "Kepala Bidang Aptika", ph)
    staff = [person(f"bench.staf{i}@example.id", Role.OPERATOR_OPD, f"Staf {i}", f"Staf {i}",
                    p1 if i < 3 else p2)[0] for i in range(1, 5)]
    front, _ = person("bench.front@example.id", Role.PETUGAS_SURAT, "Front office", "")
    return {"head": head, "kabid": [k1, k2], "staff": staff, "front": front, "head_pos": ph}


def generate(rows: int, people) -> None:
    from django.db import connection

    head_pos = people["head_pos"].pk
    k1, k2 = (u.pk for u in people["kabid"])
    staff = [u.pk for u in people["staff"]]
    subjects = "ARRAY[" + ",".join(f"'{s}'" for s in SUBJECTS) + "]"
    senders = "ARRAY[" + ",".join(f"'{s}'" for s in SENDERS) + "]"
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO correspondence_incomingletter (
                created_at, updated_at, secret_hash, code, unit_code, agenda_year,
                agenda_number, channel, sender_name, sender_address, sender_email,
                sender_phone, letter_number, letter_date, received_at, subject, summary,
                urgency, security, addressee_id, status, scan_path, scan_type,
                addressee_read_at)
            SELECT t, t, '', 'SURAT-' || extract(year FROM t)::int || '-' || lpad(g::text, 7, '0'),
                   'DISKOMINFO', extract(year FROM t)::int,
                   row_number() OVER (PARTITION BY extract(year FROM t) ORDER BY g),
                   CASE WHEN g % 20 = 0 THEN 'web' ELSE 'desk' END,
                   ({senders})[1 + g % 10], '', '', '',
                   (g % 997) || '/' || g || '/BNC/' || extract(year FROM t)::int,
                   t::date, t, ({subjects})[1 + (g / 7) % 10] || ' nomor ' || g, '',
                   (ARRAY['biasa','biasa','biasa','segera','sangat_segera'])[1 + g % 5],
                   CASE WHEN g % 20 = 3 THEN 'rahasia' WHEN g % 10 = 4 THEN 'terbatas'
                        ELSE 'biasa' END,
                   {head_pos},
                   CASE WHEN g % 10 < 7 THEN (CASE WHEN g < {rows} - 2000 THEN 'closed'
                        ELSE 'disposed' END) ELSE 'registered' END, '', '',
                   CASE WHEN g < {rows} - 500 THEN t END
            FROM generate_series(1, {rows}) AS g,
                 LATERAL (SELECT now() - (({rows} - g) * interval '5 minutes') AS t) AS moment
        """)
        cursor.execute(f"""
            INSERT INTO correspondence_disposition (
                created_at, updated_at, letter_id, sender_id, recipient_id, instructions,
                notes, due_on, status, read_at, response)
            SELECT l.received_at, l.received_at, l.id, {people['head'].pk},
                   CASE WHEN l.id % 2 = 0 THEN {k1} ELSE {k2} END, '["follow_up"]', '',
                   (l.received_at + interval '3 days')::date,
                   CASE WHEN l.status = 'closed' THEN 'answered' ELSE 'open' END,
                   CASE WHEN l.status = 'closed' THEN l.received_at END, ''
            FROM correspondence_incomingletter l WHERE l.status <> 'registered'
        """)
        cursor.execute(f"""
            INSERT INTO correspondence_disposition (
                created_at, updated_at, letter_id, parent_id, sender_id, recipient_id,
                instructions, notes, due_on, status, read_at, response)
            SELECT d.created_at, d.created_at, d.letter_id, d.id, d.recipient_id,
                   (ARRAY{staff})[1 + d.letter_id % 4], '["study"]', '', d.due_on + 2,
                   d.status, d.read_at, ''
            FROM correspondence_disposition d WHERE d.letter_id % 2 = 0
        """)
        cursor.execute("""
            INSERT INTO correspondence_agendasequence (created_at, updated_at, unit_code,
                                                       year, last_number)
            SELECT now(), now(), unit_code, agenda_year, max(agenda_number)
            FROM correspondence_incomingletter GROUP BY unit_code, agenda_year
            ON CONFLICT DO NOTHING
        """)
        cursor.execute("ANALYZE")


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
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
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
    from django.test import Client

    from balai.api.services import staff_token_issue
    from balai.correspondence.models import Disposition, IncomingLetter

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    people = office()
    if fresh or not IncomingLetter.objects.exists():
        start = time.perf_counter()
        generate(args.rows, people)
        print(f"generated {args.rows:,} letters and {Disposition.objects.count():,} "
              f"dispositions in {time.perf_counter() - start:.1f} s")
    middle = IncomingLetter.objects.filter(security="biasa").order_by("id")[
        args.rows // 2]
    year = middle.agenda_year
    month = middle.received_at.strftime("%Y-%m")
    pages = {
        "head": [
            ("agenda book, first page", "/surat/"),
            ("search an agenda number", f"/surat/?number={middle.agenda_number}"),
            ("search a subject word", "/surat/?q=narasumber"),
            ("search a sender", "/surat/?sender=brawijaya"),
            ("search a month", f"/surat/?received_from={month}-01&received_to={month}-28"),
            ("queue: awaiting my disposition", "/surat/?antrean=to_dispose"),
            ("a letter's page", f"/surat/masuk/{middle.pk}/"),
            ("outgoing letters and queues", "/surat/keluar/"),
        ],
        "kabid": [
            ("agenda book, first page", "/surat/"),
            ("queue: not followed up", "/surat/?antrean=pending"),
            ("queue: overdue", "/surat/?antrean=overdue"),
            ("queue: unread", "/surat/?antrean=unread"),
        ],
        "front": [
            ("agenda book with masked rahasia", "/surat/"),
            ("search a subject word", "/surat/?q=evaluasi"),
        ],
    }
    print(f"{IncomingLetter.objects.count():,} letters (year {year} in the middle) in "
          f"PostgreSQL; {args.repeat} requests each")
    print(f"{'who':6} {'page':36} {'p50 ms':>8} {'p95 ms':>8}")
    users = {"head": people["head"], "kabid": people["kabid"][0], "front": people["front"]}
    for who, rows in pages.items():
        client = Client()
        client.force_login(users[who])
        for name, url in rows:
            report(who, name, client, url, args.repeat)
    _token, key = staff_token_issue(user=people["head"], name="bench", actor=people["head"])
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    report("head", "API: letters, first page", api, "/api/v1/correspondence/letters/",
           args.repeat)
    report("head", "API: queue counts", api, "/api/v1/correspondence/letters/queues/",
           args.repeat)


def report(who, name, client, url, repeat):
    timed(client, url, 2)  # warm
    times = sorted(timed(client, url, repeat))
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    flag = "" if p95 < TARGET_MS else f"  (over the {TARGET_MS:.0f} ms target)"
    print(f"{who:6} {name:36} {statistics.median(times):8.1f} {p95:8.1f}{flag}")


if __name__ == "__main__":
    main()
