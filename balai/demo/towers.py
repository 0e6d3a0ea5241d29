"""Demo towers: about 150 made-up towers over Kota Malang, the cell-plan and prohibited
zones, the airport's safety zone, tenants, permits (with a permit gap) and siting requests
decided through the services with their letters.

Points are drawn inside the city's real boundary and imported through the registry's own
import service (kelurahan from the locator, companies and tenants created, one audit entry
per tower). Companies are made up; the operators are the four national mobile operators.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import shapely
from django.db import transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.demo.history import Loaded, happened_at, sweep_on_the_days
from balai.geo.models import Area
from balai.towers import services
from balai.towers.imports import check_row
from balai.towers.models import (
    Finding,
    Inspection,
    LevyAssessment,
    Permit,
    SitingRequest,
    Tower,
    TowerCompany,
    Zone,
)

COMPANIES = [
    # name, NIB (made up), contact
    ("PT Menara Arjuna Nusantara", "9120301112233", "Bayu Pratama", "081331100201"),
    ("PT Tiang Bersama Brawijaya", "9120301224466", "Lestari Handayani", "081331100202"),
    ("PT Sinyal Kawi Perkasa", "9120301336699", "Rudi Hartono", "081331100203"),
    ("PT Telemenara Tengger", "9120301448800", "Sri Wahyuni", "081331100204"),
    ("PT Mikrosel Ijen Mandiri", "9120301550011", "Dimas Saputra", "081331100205"),
]
OPERATORS = ["Telkomsel", "Indosat Ooredoo Hutchison", "XL Axiata", "Smartfren"]
# Site type, its share of the registry, heights drawn from.
TYPES = [("sst", 40, (32, 42, 52, 62, 72)), ("greenfield", 15, (42, 52)),
         ("monopole", 20, (20, 25, 30, 32)), ("rooftop", 12, (6, 9, 12, 15)),
         ("camouflage", 6, (18, 20, 24)), ("microcell", 5, (9, 12)), ("guyed", 2, (24, 30))]
ZONE_SOURCE = "Peraturan Wali Kota Malang tentang Penataan Menara Telekomunikasi (demo)"
# Cell-plan zones: centre, radius (m), height cap (m).
CELL_PLAN = [
    ("Zona Sel Lowokwaru 1", (-7.9410, 112.6190), 900, 52),
    ("Zona Sel Lowokwaru 2", (-7.9560, 112.6080), 800, 42),
    ("Zona Sel Blimbing 1", (-7.9440, 112.6460), 900, 52),
    ("Zona Sel Blimbing 2", (-7.9270, 112.6560), 800, 42),
    ("Zona Sel Klojen 1", (-7.9700, 112.6250), 700, 32),
    ("Zona Sel Sukun 1", (-8.0000, 112.6150), 1000, 52),
    ("Zona Sel Sukun 2", (-7.9850, 112.5980), 800, 42),
    ("Zona Sel Kedungkandang 1", (-7.9950, 112.6600), 1200, 62),
    ("Zona Sel Kedungkandang 2", (-8.0250, 112.6450), 1200, 62),
    ("Zona Sel Kedungkandang 3", (-7.9700, 112.6700), 1000, 52),
]
AIRPORT = (-7.92656, 112.71451)  # Abdul Rachman Saleh, Pakis (Kab. Malang)


def _points(rng: random.Random, boundary, n: int) -> list[tuple[float, float]]:
    min_x, min_y, max_x, max_y = boundary.bounds
    points = []
    while len(points) < n:
        lng, lat = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if boundary.contains(shapely.Point(lng, lat)):
            points.append((round(lat, 6), round(lng, 6)))
    return points


def _moment(day: date, hour: int) -> datetime:
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


def load_zones(officer) -> None:
    for name, centre, radius, cap in CELL_PLAN:
        services.zone_save(data={"name": name, "kind": Zone.Kind.ALLOWED,
                                 "centre_lat": centre[0], "centre_lng": centre[1],
                                 "radius_m": radius, "max_height_m": Decimal(cap),
                                 "legal_source": ZONE_SOURCE}, actor=officer)
    heritage = {"type": "Polygon", "coordinates": [[
        [112.6180, -7.9780], [112.6240, -7.9780], [112.6240, -7.9720],
        [112.6180, -7.9720], [112.6180, -7.9780]]]}
    services.zone_save(data={"name": "Kawasan Cagar Budaya Jalan Ijen",
                             "kind": Zone.Kind.PROHIBITED, "polygon": heritage,
                             "legal_source": "Perda Kota Malang 4/2011 tentang RTRW, "
                                             "kawasan cagar budaya (demo)"}, actor=officer)
    services.zone_save(data={"name": "Alun-alun Merdeka dan Balai Kota",
                             "kind": Zone.Kind.PROHIBITED, "centre_lat": -7.9790,
                             "centre_lng": 112.6320, "radius_m": 400,
                             "legal_source": "Perda Kota Malang 4/2011 tentang RTRW (demo)"},
                       actor=officer)
    services.zone_save(data={"name": "KKOP Bandara Abdul Rachman Saleh",
                             "kind": Zone.Kind.KKOP, "centre_lat": AIRPORT[0],
                             "centre_lng": AIRPORT[1], "radius_m": 6000,
                             "max_height_m": Decimal(45),
                             "legal_source": "Kawasan Keselamatan Operasi Penerbangan, "
                                             "Keputusan Menteri Perhubungan (demo)"},
                       actor=officer)


def load_registry(rng: random.Random, officer, count: int) -> list[Tower]:
    # Inside a kelurahan, not only inside the city's outline: the simplified polygons leave
    # slivers along the city's edge that belong to no kelurahan.
    boundary = shapely.union_all([shapely.geometry.shape(a.geometry) for a in
                                  Area.objects.filter(level=Area.Level.KELURAHAN)])
    for name, nib, contact, phone in COMPANIES:
        services.company_save(data={"name": name, "nib": nib, "contact_name": contact,
                                    "contact_phone": phone, "address": "Kota Malang"},
                              actor=officer)
    types = [t for t, weight, _h in TYPES for _i in range(weight)]
    heights = {t: h for t, _w, h in TYPES}
    rows = []
    for i, (lat, lng) in enumerate(_points(rng, boundary, count), start=1):
        site = rng.choice(types)
        status = ("planned" if i % 31 == 0 else "dismantled" if i % 29 == 0
                  else "illegal" if i % 23 == 0 else "active")
        tenants = rng.sample(OPERATORS, rng.choice((1, 1, 2, 2, 3)))
        rows.append(check_row(i + 1, {
            "kode": f"MLG-{i:04d}", "nama_site": f"Site {i:03d}", "lat": str(lat),
            "lng": str(lng), "alamat": "", "tipe_site": site,
            "tinggi_m": str(rng.choice(heights[site])), "tahun": str(rng.randint(2006, 2024)),
            "perusahaan": rng.choice(COMPANIES)[0], "status": status,
            "bersama": "ya" if len(tenants) > 1 else "tidak", "operator": ";".join(tenants)}))
    return services.towers_import(rows=rows, filename="demo-menara-kota-malang.xlsx",
                                  actor=officer)


@transaction.atomic  # one commit for the lot: the demo loads in seconds
def load_permits(rng: random.Random, towers: list[Tower], officer) -> None:
    """Most standing towers have a building permit (IMB before 2021, PBG after) and many an
    SLF; a dozen active ones have none: the permit gap the dashboard shows."""
    active = [t for t in towers if t.status == Tower.Status.ACTIVE]
    gap = set(rng.sample([t.pk for t in active], 12))
    for tower in towers:
        if tower.status in (Tower.Status.PLANNED, Tower.Status.ILLEGAL) or tower.pk in gap:
            continue
        year = tower.year_built or 2015
        kind = Permit.Kind.IMB if year < 2021 else Permit.Kind.PBG
        issued = date(year, rng.randint(1, 6), rng.randint(1, 28))
        services.permit_add(tower=tower, kind=kind, issued_on=issued,
                            number=f"{'640' if kind == Permit.Kind.IMB else 'SK-PBG'}/"
                                   f"{tower.pk:04d}/35.73.403/{year}", actor=officer)
        if rng.random() < 0.6:
            services.permit_add(tower=tower, kind=Permit.Kind.SLF, number=(
                f"SLF/{tower.pk:04d}/35.73.403/{year + 1}"),
                issued_on=issued + timedelta(days=rng.randint(200, 400)), actor=officer)


REQUESTS = [
    # days ago (letter), company index, point, height, type, decide: True/False/None, reason
    (60, 0, (-7.9420, 112.6210), 42, "sst", True, ""),
    (45, 1, (-7.9990, 112.6620), 52, "greenfield", True, ""),
    (40, 2, (-7.9760, 112.6210), 30, "monopole", False, ""),  # inside Jalan Ijen heritage
    (30, 3, (-7.9700, 112.6250), 40, "sst", True,
     "Menara kamuflase pengganti dua menara lama yang dibongkar; disetujui rapat tim "
     "penataan menara."),  # 40 m above the 32 m cap: overridden
    (20, 4, (-8.0400, 112.5900), 32, "monopole", False, ""),  # outside every cell-plan zone
    (5, 1, (-7.9300, 112.6550), 42, "sst", None, ""),
]


def _clear_point(lat: float, lng: float) -> tuple[float, float]:
    """The point nearest (lat, lng), on a 100 m grid, where every rule passes: the demo's
    towers are drawn at random, so a request the story recommends is moved off them."""
    from balai.towers.selectors import siting_assess  # noqa: PLC0415

    for ring in range(0, 8):
        for dy in range(-ring, ring + 1):
            for dx in range(-ring, ring + 1):
                if max(abs(dx), abs(dy)) != ring:
                    continue
                p = (round(lat + dy * 0.0009, 6), round(lng + dx * 0.0009, 6))
                if siting_assess(lat=p[0], lng=p[1], height_m=None).recommend:
                    return p
    return lat, lng


def load_siting_requests(officer) -> int:
    companies = list(TowerCompany.objects.order_by("name"))
    by_name = {c.name: c for c in companies}
    today = timezone.localdate()
    made = 0
    for days, company_index, (lat, lng), height, site, decide, reason in REQUESTS:
        received = _moment(today - timedelta(days=days - 2), 9)
        company = by_name[COMPANIES[company_index][0]]
        if decide and not reason:
            lat, lng = _clear_point(lat, lng)
        letter = f"{100 + made:03d}/{company.name.split()[1][:3].upper()}/{today.year}"
        with happened_at(received, SitingRequest):
            req = services.siting_request_register(
                company=company, letter_number=letter,
                letter_date=today - timedelta(days=days), lat=lat, lng=lng,
                height_m=Decimal(height), site_type=site, actor=officer, now=received)
        made += 1
        if decide is None:
            continue
        decided = _moment(received.date() + timedelta(days=7), 10)
        with happened_at(decided):
            services.siting_request_decide(request=req, recommend=decide, reason=reason,
                                           actor=officer, now=decided)
    return made


def load_towers(*, seed: int = 2026, count: int = 150) -> Loaded:
    """The tower registry of the demo city, unless it is there already."""
    loaded = Loaded()
    if Tower.objects.filter(code__startswith="MLG-").exists():
        return loaded
    officer = User.objects.filter(role=Role.PETUGAS_MENARA).order_by("pk").first()
    rng = random.Random(seed)
    load_zones(officer)
    towers = load_registry(rng, officer, count)
    load_permits(rng, towers, officer)
    load_siting_requests(officer)
    load_inspections(rng, towers, officer)
    load_levy(rng, towers, officer)
    load_reports(towers)
    loaded.created = len(towers)
    return loaded


# Citizens who scanned a plate and pressed "Laporkan masalah menara ini": the complaint
# is linked to the tower (towers.TowerReport, through balai.core.assets). Both recent, so
# that no SLA warning is due before the worker's first sweep (demo/tests/test_demo_history).
REPORTS = (
    (2, "Lampu penanda menara mati", "Sudah seminggu lampu merah di puncak menara tidak "
     "menyala pada malam hari. Menara ini dekat jalur pesawat latih.", True),
    (1, "Genset menara bising tengah malam", "Genset di kaki menara menyala sejak pukul 23.00 "
     "dan suaranya mengganggu warga sekitar.", False),
)


def load_reports(towers: list[Tower]) -> int:
    from balai.complaints import services as complaints  # noqa: PLC0415
    from balai.complaints.models import Category, Complaint  # noqa: PLC0415
    from balai.core.calendar import get_work_calendar  # noqa: PLC0415
    from balai.lib.workdays import add_workdays  # noqa: PLC0415

    category = Category.objects.filter(code="menara", is_active=True).first()
    verifier = User.objects.filter(role=Role.VERIFIKATOR).order_by("pk").first()
    if category is None:
        return 0
    standing = [t for t in towers if t.status == Tower.Status.ACTIVE and t.kelurahan_id]
    today = timezone.localdate()
    made = 0
    for (days, title, text, verify), tower in zip(REPORTS, standing[7::40], strict=False):
        day = today - timedelta(days=days)
        start = _moment(day, 19)
        with happened_at(start, Complaint):
            complaint, _secret = complaints.complaint_submit(
                submission=complaints.Submission(
                    category=category, title=f"{title} {tower.code}", description=text,
                    lat=tower.lat, lng=tower.lng, reporter_name="Warga (demo)",
                    reporter_email=f"menara{days}@demo.balai.id",
                    asset=f"menara:{tower.code}"), now=start)
        made += 1
        if verify and verifier is not None:
            # The desk verifies it the next working morning.
            verified = _moment(add_workdays(day, 1, get_work_calendar()), 9)
            with happened_at(verified):
                complaints.complaint_verify(complaint=complaint, actor=verifier,
                                            instruction="Mohon dicek saat pemeriksaan menara.",
                                            now=verified)
    return made



def load_inspections(rng: random.Random, towers: list[Tower], officer) -> int:
    """Visits over the last fourteen months, most towers fine; some findings, a few notified
    by letter (one now past its deadline, one put right) and one fix off its point."""
    standing = [t for t in towers if t.status in (Tower.Status.ACTIVE, Tower.Status.ILLEGAL)]
    visited = rng.sample(standing, min(70, len(standing)))
    today = timezone.localdate()
    made = []
    with transaction.atomic():  # one commit for the visits
        _visit(rng, visited, today, officer, made)
    with_findings = sorted((x for x in made if x[0].findings.exists()), key=lambda x: x[1])
    for n, (inspection, day) in enumerate(with_findings[-4:]):
        sent = _moment(day + timedelta(days=2), 10)
        with happened_at(sent):
            services.inspection_notify(inspection=inspection, actor=officer, now=sent)
        if n == 0:
            finding = inspection.findings.first()
            with happened_at(_moment(day + timedelta(days=12), 11)):
                services.finding_resolve(finding=finding, actor=officer,
                                         resolution="Sudah diperbaiki; dilihat saat kunjungan "
                                                    "ulang.")
    services.findings_overdue_sweep(today=today)
    return len(made)


def _visit(rng: random.Random, visited: list[Tower], today: date, officer, made: list) -> None:
    for i, tower in enumerate(visited):
        day = today - timedelta(days=rng.randint(3, 12) if i < 10 else rng.randint(20, 420))
        when = _moment(day, 9 + i % 6)
        problems = {}
        if i % 9 == 0:
            problems = {"obstruction_light": "problem"}
        elif i % 13 == 0:
            problems = {"fence": "problem", "signboard": "absent"}
        elif i % 17 == 0:
            problems = {"paint": "problem"}
        off = 0.0008 if i == 5 else rng.uniform(-0.0002, 0.0002)
        checklist = {"obstruction_light": "good", "paint": "good", "fence": "good",
                     "signboard": "good", "generator": rng.choice(["good", "absent"]),
                     **problems}
        data = services.InspectionData(
            **checklist, in_use=True,
            tenants_seen=", ".join(t.operator for t in tower.tenancies.all()),
            residents_concerns=("Warga mengeluhkan bising genset pada malam hari."
                                if i % 21 == 0 else ""),
            gps_lat=tower.lat + off, gps_lng=tower.lng, gps_accuracy_m=rng.choice([5, 8, 12]),
            inspected_at=when)
        with happened_at(when, Inspection, Finding):
            inspection, _created = services.inspection_record(
                tower=tower, data=data, client_uuid=uuid.UUID(int=rng.getrandbits(128)),
                actor=officer, now=when)
        made.append((inspection, day))


LEVY_BASIS = ("Perda Kota Malang tentang Retribusi Pengendalian Menara Telekomunikasi, "
              "Pasal 9 (demo; berlaku sampai 5 Januari 2024)")


@transaction.atomic  # one commit for the ledger
def load_levy(rng: random.Random, towers: list[Tower], officer) -> int:
    """Paper SKRDs of 2021–2023 under the old Perda: most paid, some in arrears. Two of the
    late-2023 arrears got a surat teguran in August 2025, which restarted their 3 years (the
    first, still unpaid, an STRD with its interest in September);
    the older arrears without one have lapsed, the rest of 2023's lapse in the coming weeks."""
    from balai.towers.levy import Formula  # noqa: PLC0415

    standing = [t for t in towers if t.status == Tower.Status.ACTIVE and (t.year_built or 0)
                < 2021][:40]
    heights = {True: Decimal("1.5"), False: Decimal("1.0")}
    made, unpaid_2023 = 0, []
    for year in (2021, 2022, 2023):
        for n, tower in enumerate(standing, start=1):
            # The 2023 round went out in the Perda's last weeks (before 5 January 2024).
            issued = (date(year, 3, 1) if year < 2023 else date(2023, 11, 20)) \
                + timedelta(days=n % 40)
            formula = Formula(visits=4, unit_cost=Decimal("175000"),
                              zone=Decimal("1.2") if n % 3 else Decimal("1.0"),
                              height=heights[tower.height_m > 40], type=Decimal("1.0"),
                              distance=Decimal("1.1") if n % 4 == 0 else Decimal("1.0"))
            # Entered on the day it was issued, so the SKRD's timeline reads in order.
            with happened_at(_moment(issued, 9)):
                row = services.levy_assessment_record(
                    tower=tower, number=f"973/{n:03d}/35.73.403/{year}", year=year,
                    formula=formula, issued_on=issued, legal_basis=LEVY_BASIS, actor=officer)
            made += 1
            if rng.random() < (0.85 if year < 2023 else 0.7):
                paid_on = issued + timedelta(days=rng.randint(3, 40))
                with happened_at(_moment(paid_on, 10)):
                    services.levy_payment_record(
                        assessment=row, paid_on=paid_on, amount=row.amount,
                        reference=f"SSRD-{year}-{n:03d}", actor=officer)
            elif year == 2023:
                unpaid_2023.append(row)
    for k, row in enumerate(unpaid_2023[:2]):
        sent = _moment(date(2025, 8, 11) + timedelta(days=k), 10)
        with happened_at(sent):
            services.levy_reminder_issue(assessment=row, actor=officer, now=sent)
    if unpaid_2023:  # the first reminded SKRD stayed unpaid: an STRD with its interest
        billed = _moment(date(2025, 9, 1), 10)
        with happened_at(billed):
            services.levy_bill_issue(assessment=unpaid_2023[0], actor=officer, now=billed)
    load_objections(unpaid_2023[2:5], officer)
    # The worker lapsed each one on the day its 3 years ran out.
    sweep_on_the_days(lambda: services.levy_lapse_sweep(today=timezone.localdate()),
                      LevyAssessment, lambda row, entry: row.lapses_on)
    return made


# The companies' objections to three of the late-2023 SKRDs, each within its two months:
# one lowered in part (the height coefficient was wrong), one refused, and one the
# Wali Kota never decided, which the sweep deems granted six months on (the SKRD withdrawn).
OBJECTIONS = (
    ("partly", "Koefisien ketinggian 1,5 diterapkan pada menara setinggi 32 m; menurut "
     "Perda koefisien 1,0 berlaku untuk menara sampai 40 m.", date(2024, 3, 12)),
    ("refuse", "Perusahaan menilai jumlah kunjungan pengawasan terlalu banyak.",
     date(2024, 4, 2)),
    (None, "Menara sudah tidak digunakan operator sejak pertengahan 2023.", None),
)


def load_objections(rows: list[LevyAssessment], officer) -> None:
    for n, (row, (decision, grounds, decided)) in enumerate(zip(rows, OBJECTIONS,
                                                                 strict=False), start=1):
        received = row.issued_on + timedelta(days=30 + 7 * n)
        with happened_at(_moment(received, 11)):
            objection = services.levy_objection_file(
                assessment=row, received_on=received, grounds=grounds, actor=officer,
                letter_number=f"{row.company.name.split()[-1].upper()}/KEB/{n:02d}/2024",
                today=received)
        if decision is None:  # the worker's sweep, the day after the six months
            swept = objection.decide_by + timedelta(days=1)
            with happened_at(_moment(swept, 7)):
                services.levy_objection_deemed_sweep(today=swept)
            continue
        with happened_at(_moment(decided, 10)):
            services.levy_objection_decide(
                objection=objection, decision=decision, decided_on=decided,
                decision_number=f"188.45/{40 + n}/35.73.112/2024",
                amount=(row.amount * 2 / 3).quantize(Decimal(1)) if decision == "partly"
                else None,
                note="Diputus Wali Kota atas pertimbangan Diskominfo dan BKAD.",
                actor=officer)
