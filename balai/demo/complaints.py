"""Demo complaints: categories for a kota and ~200 made-up cases in every state.

Cases are created through the real services (routing, SLA, audit), at made-up times over
the last weeks; the notifications they queue are demo mail and are removed afterwards.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageDraw
from shapely.geometry import Point, shape

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.complaints import services
from balai.complaints.models import (
    Category,
    CategoryGroup,
    Complaint,
    ComplaintMessage,
    RoadStatusRule,
)
from balai.complaints.photos import prepare_photo
from balai.complaints.sla import complaints_sla_sweep
from balai.core.calendar import get_work_calendar
from balai.demo.history import Loaded, at, happened_at, sweep_on_the_days, workdays_ago
from balai.geo.models import Area
from balai.lib.workdays import add_workdays, alarms
from balai.notifications.models import Outbox

CATEGORY_GROUPS = [
    ("Jalan dan infrastruktur", [
        ("jalan-rusak", "Jalan rusak atau berlubang", "pupr", True, False,
         "Lubang, retak, aspal mengelupas, jalan ambles.",
         "Jalan tol dan jalan di dalam kompleks perumahan swasta."),
        ("trotoar", "Trotoar rusak", "pupr", True, False,
         "Trotoar pecah, penutup saluran hilang, ubin lepas.", ""),
        ("drainase", "Saluran air tersumbat", "pupr", False, False,
         "Got dan saluran drainase tersumbat atau meluap.", "Saluran di dalam rumah."),
        ("pju", "Lampu penerangan jalan mati", "dishub", False, False,
         "Lampu jalan umum padam atau berkedip.", "Lampu di rumah atau toko."),
    ]),
    ("Lingkungan", [
        ("sampah", "Sampah menumpuk", "dlh", False, False,
         "Sampah liar, TPS penuh, sampah tidak diangkut.", ""),
        ("pohon-tumbang", "Pohon tumbang atau rawan tumbang", "dlh", False, True,
         "Pohon tumbang menutup jalan, dahan rawan patah.",
         "Pohon di halaman pribadi (hubungi pemilik)."),
        ("pencemaran", "Pencemaran air, udara atau bau", "dlh", False, False,
         "Limbah ke sungai, asap pembakaran, bau menyengat.", ""),
    ]),
    ("Bencana dan keadaan darurat", [
        ("banjir", "Banjir atau genangan", "bpbd", False, True,
         "Genangan di jalan atau permukiman, air masuk rumah.",
         "Kebakaran dan kecelakaan: hubungi 112 sekarang."),
        ("longsor", "Tanah longsor", "bpbd", False, True,
         "Longsor di tebing, bantaran sungai atau jalan.", "Keadaan darurat: hubungi 112."),
    ]),
    ("Ketertiban dan lalu lintas", [
        ("parkir-liar", "Parkir liar", "dishub", False, False,
         "Kendaraan parkir di trotoar, badan jalan atau juru parkir liar.", ""),
        ("lampu-lalu-lintas", "Lampu lalu lintas rusak", "dishub", False, False,
         "Lampu merah mati atau tidak sinkron.", ""),
        ("pkl", "Pedagang kaki lima mengganggu", "satpolpp", False, False,
         "PKL di trotoar atau badan jalan yang menghalangi.", ""),
    ]),
    ("Kesehatan", [
        ("puskesmas", "Layanan puskesmas", "dinkes", False, False,
         "Antrean, pelayanan, obat di puskesmas.", "Keluhan rumah sakit swasta."),
        ("jentik", "Sarang nyamuk / DBD", "dinkes", False, False,
         "Genangan berjentik, kasus demam berdarah di lingkungan.", ""),
    ]),
    ("Lainnya", [
        ("menara", "Menara telekomunikasi", "diskominfo", False, False,
         "Lampu penanda menara mati, pagar atau papan nama rusak, bising genset, menara "
         "tampak miring atau berkarat.", "Gangguan sinyal (hubungi operator seluler)."),
        ("lainnya", "Lainnya", None, False, False,
         "Masalah layanan publik yang tidak ada di daftar.",
         "Urusan pidana (lapor polisi) dan perkara di pengadilan."),
    ]),
]
ROAD_STATUS_AGENCIES = {"nasional": "bbpjn-jatim", "provinsi": "dpu-bm-jatim",
                        "kabupaten": "dpupr-kab-malang", "kota": "pupr", "desa": "pupr"}

TITLES = {
    "jalan-rusak": ["Lubang besar di tengah jalan", "Aspal mengelupas dekat sekolah",
                    "Jalan ambles setelah hujan"],
    "trotoar": ["Ubin trotoar lepas", "Penutup got di trotoar hilang"],
    "drainase": ["Got tersumbat sampah", "Saluran meluap ke jalan"],
    "pju": ["Lampu jalan mati sejak seminggu", "Tiga lampu jalan padam"],
    "sampah": ["Sampah menumpuk di pinggir sungai", "TPS penuh belum diangkut"],
    "pohon-tumbang": ["Pohon tumbang menutup jalan", "Dahan besar rawan patah"],
    "pencemaran": ["Bau limbah dari saluran", "Asap pembakaran sampah tiap malam"],
    "banjir": ["Genangan setinggi lutut", "Air masuk ke rumah warga"],
    "longsor": ["Tebing longsor di bantaran sungai"],
    "parkir-liar": ["Parkir di trotoar depan pertokoan", "Juru parkir liar minta tarif tinggi"],
    "lampu-lalu-lintas": ["Lampu merah mati di perempatan"],
    "pkl": ["PKL menutup trotoar"],
    "puskesmas": ["Antrean puskesmas sangat lama"],
    "jentik": ["Banyak jentik di kolam terbengkalai"],
    "lainnya": ["Papan nama jalan hilang"],
}
NAMES = ["Siti", "Budi", "Ani", "Agus", "Dewi", "Rudi", "Wulan", "Joko", "Rina", "Eko",
         "Lestari", "Hadi", "Fitri", "Bayu", "Nur"]
# The mix of final states, so every queue and the public map have something to show.
# "terlambat" is a case in progress left past its follow-up deadline: the only ones the
# story means to be overdue now (about 3 %); every other open case is within its deadline.
TARGETS = ["baru"] * 30 + ["terverifikasi"] * 30 + ["diproses"] * 30 + ["terlambat"] * 5 + \
    ["menunggu_info"] * 10 + ["selesai"] * 30 + ["ditutup"] * 45 + ["diteruskan"] * 8 + \
    ["diarsipkan"] * 12
# How many working days ago each kind of case was reported: open cases recently enough to
# be within their deadlines (3 days to verify, 5 to follow up), "selesai" answered within
# the 10-day reply window, the closed ones over the last two months.
AGE = {"baru": (0, 1), "terverifikasi": (1, 2), "diproses": (1, 3), "terlambat": (8, 12),
       "menunggu_info": (2, 4), "selesai": (2, 8), "ditutup": (6, 40), "diteruskan": (1, 40),
       "diarsipkan": (1, 40)}


def load_categories() -> int:
    agencies = {a.code: a for a in Agency.objects.all()}
    count = 0
    for position, (group_name, categories) in enumerate(CATEGORY_GROUPS):
        group, _ = CategoryGroup.objects.update_or_create(name=group_name,
                                                          defaults={"position": position})
        for index, (code, name, agency, is_road, urgent, covers, out) in enumerate(categories):
            Category.objects.update_or_create(code=code, defaults={
                "name": name, "group": group, "agency": agencies.get(agency) if agency else None,
                "is_road": is_road, "is_urgent": urgent, "description": covers,
                "out_of_scope": out, "position": index})
            count += 1
    for status, code in ROAD_STATUS_AGENCIES.items():
        RoadStatusRule.objects.update_or_create(status=status,
                                                defaults={"agency": agencies[code]})
    return count


def _photo(rng: random.Random) -> io.BytesIO:
    img = Image.new("RGB", (640, 480), (rng.randint(60, 160), rng.randint(60, 160), 90))
    draw = ImageDraw.Draw(img)
    for _i in range(6):
        x, y = rng.randint(0, 600), rng.randint(0, 440)
        draw.ellipse([x, y, x + rng.randint(20, 90), y + rng.randint(20, 60)],
                     fill=(40, 40, 40))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    out.seek(0)
    out.name = "demo.jpg"
    return out


def _random_points(rng: random.Random, count: int) -> list[tuple[float, float]]:
    polygons = [shape(a.geometry) for a in Area.objects.filter(level="kelurahan",
                                                               code__startswith="35.73")]
    points = []
    while len(points) < count:
        poly = rng.choice(polygons)
        minx, miny, maxx, maxy = poly.bounds
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if poly.contains(Point(x, y)):
            points.append((round(y, 6), round(x, 6)))
    return points


def load_complaints(*, count: int = 200, seed: int = 2026, stdout=None) -> Loaded:
    """Create `count` made-up complaints through the services, unless there are some."""
    loaded = Loaded()
    if Complaint.objects.exists():
        return loaded
    rng = random.Random(seed)
    calendar = get_work_calendar()
    today = timezone.localdate()
    categories = list(Category.objects.filter(is_active=True).select_related("agency"))
    verifier = User.objects.filter(role=Role.VERIFIKATOR).first()
    desk112 = User.objects.filter(role=Role.PETUGAS_112).first()
    external = {a.code: a for a in Agency.objects.filter(is_external=True)}
    targets = (TARGETS * (count // len(TARGETS) + 1))[:count]
    rng.shuffle(targets)
    for index, (target, (lat, lng)) in enumerate(zip(targets, _random_points(rng, count),
                                                     strict=True)):
        category = rng.choice(categories)
        name = rng.choice(NAMES)
        day = workdays_ago(rng.randint(*AGE[target]), today=today, calendar=calendar)
        start = at(day, rng.randint(7, 14), rng.randint(0, 59))
        channel = rng.choice(["web"] * 6 + ["112", "whatsapp", "walk_in", "social_media"])
        submission = services.Submission(
            category=category, title=rng.choice(TITLES.get(category.code, ["Masalah"])),
            description="Laporan contoh untuk demo balai (data rekaan). Mohon segera "
                        "ditindaklanjuti karena mengganggu warga sekitar.",
            lat=lat, lng=lng, reporter_name=f"{name} (demo)",
            reporter_email=f"warga{index}@demo.balai.id",
            is_anonymous=rng.random() < 0.15, is_confidential=rng.random() < 0.05,
            channel=channel)
        try:
            with happened_at(start, Complaint, ComplaintMessage):
                complaint, _secret = services.complaint_submit(
                    submission=submission, now=start,
                    # Re-encoded here, so the demo's photos show without a worker running.
                    photos=[prepare_photo(_photo(rng))] if rng.random() < 0.25 else [],
                    actor=desk112 if channel != "web" else None)
            _advance(complaint, target, start, rng, verifier, external, calendar)
        except ValidationError as exc:  # a random pin in a boundary sliver: skip it
            if stdout:
                stdout.write(f"  skipped one demo case: {'; '.join(exc.messages)}")
            continue
        loaded.created += 1
        if target == "terlambat":
            loaded.late.append(complaint.code)
        if stdout and loaded.created % 50 == 0:
            stdout.write(f"  {loaded.created} demo complaints…")
    sweep_on_the_days(complaints_sla_sweep, Complaint,
                      lambda c, entry: _alarm_day(c, entry, calendar))
    ct = ContentType.objects.get_for_model(Complaint)
    Outbox.objects.filter(content_type=ct).delete()  # demo mail is never sent
    return loaded


def _alarm_day(c: Complaint, entry, calendar):
    """The day the warning (80 %) or the escalation of `c`'s stage clock fell."""
    stage = entry.data.get("stage")
    if stage not in ("verify", "followup"):
        return None
    start, due = ((c.clock_start, c.verify_due) if stage == "verify"
                  else (c.followup_start, c.followup_due))
    when = alarms(start=start, due=due, calendar=calendar)
    return when.overdue_on if entry.action == "complaints.sla_escalated" else when.warn_on


def _later(moment: datetime, rng: random.Random, calendar, *, workdays: int = 0) -> datetime:
    """A moment in office hours `workdays` working days after `moment` (same day if 0),
    never before it and never in the future."""
    day = timezone.localdate(moment)
    if workdays:
        day = add_workdays(day, workdays, calendar)
        return max(at(day, rng.randint(8, 14), rng.randint(0, 59)), moment)
    return min(moment + timedelta(minutes=rng.randint(20, 180)), timezone.now())


def _advance(c: Complaint, target: str, start: datetime, rng: random.Random, verifier,
             external: dict, calendar) -> None:
    """Walk a new complaint through the services to its target state, each step dated."""
    if target == "baru":
        return
    if target == "diarsipkan":
        when = _later(start, rng, calendar)
        with happened_at(when):
            services.complaint_archive(complaint=c, reason=rng.choice(["spam", "out_of_scope"]),
                                       note="Data demo.", actor=verifier)
        Complaint.objects.filter(pk=c.pk).update(closed_at=when)
        return
    if target == "diteruskan" or (c.agency and c.agency.is_external):
        to = c.agency if c.agency and c.agency.is_external else rng.choice(list(external.values()))
        when = _later(start, rng, calendar)
        with happened_at(when):
            services.complaint_forward(complaint=c, to_agency=to, actor=verifier,
                                       reference=f"DEMO/{c.pk:04d}")
        Complaint.objects.filter(pk=c.pk).update(closed_at=when)
        return
    agency = c.agency or Agency.objects.get(code="pupr")
    verified = _later(start, rng, calendar, workdays=rng.choice([0, 0, 1]))
    with happened_at(verified):
        services.complaint_verify(complaint=c, actor=verifier, agency=agency,
                                  override_reason="" if c.agency else "Dipilih verifikator",
                                  instruction="Mohon ditindaklanjuti.", now=verified)
    if target == "terverifikasi":
        return
    operator = agency.memberships.filter(role="operator").select_related("user").first()
    actor = operator.user if operator else verifier
    accepted = _later(verified, rng, calendar)
    with happened_at(accepted):
        services.complaint_accept(complaint=c, actor=actor)
    if target in ("diproses", "terlambat"):
        return
    if target == "menunggu_info":
        asked = _later(accepted, rng, calendar, workdays=rng.choice([0, 1]))
        with happened_at(asked, ComplaintMessage):
            services.complaint_request_info(complaint=c, question="Mohon kirim foto dari "
                                            "dekat.", actor=actor, now=asked)
        return
    answered = _later(accepted, rng, calendar, workdays=rng.randint(1, 4))
    with happened_at(answered, ComplaintMessage):
        services.complaint_answer(complaint=c, actor=actor, now=answered,
                                  text="Sudah ditangani oleh petugas lapangan (data demo).")
    if target == "ditutup":
        rated = _later(answered, rng, calendar, workdays=rng.randint(0, 2))
        with happened_at(rated, ComplaintMessage):
            services.complaint_rate(complaint=c, rating=rng.choice([3, 4, 4, 5, 5, 5]),
                                    comment="Terima kasih (demo).", now=rated)
