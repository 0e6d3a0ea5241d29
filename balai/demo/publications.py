"""Demo OPD publications (issue 18): about 300 news items, announcements and agenda items
of Kota Malang's OPDs, dated around the day the demo is loaded (on working days, in
office hours), three scheduled for the coming days, two corrected; four OPDs have gone
quiet (last post more than three months ago) and one never published, so the monthly
publication score has something to show. Then Diskominfo's editor reviews last month's
reviewer items and the scores of the last four months are kept.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.agencies.models import Agency
from balai.core.calendar import get_work_calendar
from balai.demo.history import Loaded, at, happened_at
from balai.publications import score
from balai.publications.models import ComplianceItem, ComplianceReview, Publication
from balai.publications.services import (
    publication_correct,
    publication_save,
    review_record,
    score_snapshot_month,
)

STALE = ("bakesbangpol", "inspektorat", "setdprd", "kec-sukun")  # quiet for months
SILENT = ("puskesmas-janti",)  # never published
LAGGING = ("dispangtan", "bpkad", "kec-blimbing")  # last news 5-8 weeks ago
SCHEDULED = ("dispendukcapil", "dinkes", "diskominfo")

TOPICS = {
    "dispendukcapil": ["perekaman KTP-el", "layanan akta kelahiran", "Kartu Identitas Anak",
                       "jemput bola adminduk"],
    "diskominfo": ["Satu Data Kota Malang", "keamanan siber OPD", "KIM", "SP4N-LAPOR!"],
    "dinkes": ["imunisasi anak", "pencegahan demam berdarah", "posyandu", "stunting"],
    "dlh": ["bank sampah", "uji emisi kendaraan", "ruang terbuka hijau", "TPA Supit Urang"],
    "dishub": ["rekayasa lalu lintas", "uji KIR", "parkir elektronik", "angkutan sekolah"],
    "pupr": ["perbaikan drainase", "pemeliharaan jalan", "penataan trotoar"],
    "bpbd": ["mitigasi banjir", "kampung tangguh bencana", "simulasi gempa"],
    "disdikbud": ["PPDB", "literasi sekolah", "cagar budaya"],
}
GENERAL = ["pelayanan publik", "reformasi birokrasi", "zona integritas",
           "survei kepuasan masyarakat", "keterbukaan informasi"]
NEWS = ["Rapat koordinasi {topic}", "Sosialisasi {topic} kepada warga",
        "Monitoring dan evaluasi {topic}", "{short} terima kunjungan kerja DPRD soal {topic}",
        "Bimbingan teknis {topic} bagi petugas", "Capaian {topic} triwulan ini",
        "Kerja sama {topic} dengan perguruan tinggi"]
ANNOUNCEMENTS = ["Perubahan jam layanan {short}", "Jadwal layanan {topic} bulan ini",
                 "Pemeliharaan sistem layanan daring {short}"]
AGENDA = ["Forum konsultasi publik {topic}", "Rapat kerja {topic}", "Pelatihan {topic}",
          "Pameran {topic}"]
PLACES = [("Balai Kota Malang, Jl. Tugu No. 1", Decimal("-7.977187"), Decimal("112.633963")),
          ("Mal Pelayanan Publik Kota Malang, Jl. Merdeka Barat", Decimal("-7.982556"),
           Decimal("112.630389")),
          ("Gedung Kartini, Jl. Kartini", None, None),
          ("Ruang Sidang {short}", None, None)]


def _body(title: str, short: str, topic: str) -> str:
    return (f"**{short}** menyelenggarakan kegiatan *{title.lower()}*.\n\n"
            f"Kegiatan ini bagian dari program {topic} tahun {timezone.localdate().year}:\n\n"
            "- peserta dari kelurahan dan kecamatan;\n- materi dan tanya jawab;\n"
            "- tindak lanjut dilaporkan bulan depan.\n\n"
            "Informasi lebih lanjut: [layanan pengaduan](https://sambat.malangkota.go.id).")


def _workday_back(day: date, calendar) -> date:
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def _workday_on(day: date, calendar) -> date:
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def _save(publication: Publication, actor) -> Publication:
    with happened_at(min(publication.publish_at, timezone.now()), Publication):
        return publication_save(publication=publication, actor=actor)


@transaction.atomic
def load_publications() -> Loaded:
    if Publication.objects.exists():
        return Loaded()
    rng = random.Random(1818)
    calendar = get_work_calendar()
    today, now = timezone.localdate(), timezone.now()
    editor = User.objects.get(email="redaksi@demo.balai.id")
    dukcapil = User.objects.get(email="humas.dukcapil@demo.balai.id")
    agencies = list(Agency.objects.filter(is_active=True, is_external=False).order_by("code"))
    loaded = Loaded()

    def write(agency, kind, title, topic, publish_day, hour, **fields):
        actor = dukcapil if agency.code == "dispendukcapil" else editor
        short = agency.short_name or agency.name
        post = Publication(agency=agency, kind=kind, title=title[:200],
                           body=_body(title, short, topic),
                           publish_at=at(publish_day, hour, rng.choice((0, 15, 30))), **fields)
        loaded.created += 1
        return _save(post, actor)

    for n, agency in enumerate(agencies):
        if agency.code in SILENT:
            continue
        short = agency.short_name or agency.name
        topics = TOPICS.get(agency.code, []) + GENERAL
        if agency.code in STALE:
            ages = sorted(rng.sample(range(100, 240), 4))
        else:
            newest = rng.randint(36, 58) if agency.code in LAGGING else rng.randint(0, 20)
            ages = [newest] + sorted(rng.sample(range(newest + 3, 150), 4 + n % 3))
        for age in ages:
            topic = rng.choice(topics)
            title = rng.choice(NEWS).format(topic=topic, short=short)
            write(agency, Publication.Kind.NEWS, title, topic,
                  _workday_back(today - timedelta(days=age), calendar), rng.randint(8, 14),
                  summary=f"{short}: {topic}.")
        if agency.code in STALE:
            continue
        topic = rng.choice(topics)
        write(agency, Publication.Kind.ANNOUNCEMENT,
              rng.choice(ANNOUNCEMENTS).format(topic=topic, short=short), topic,
              _workday_back(today - timedelta(days=rng.randint(2, 60)), calendar), 9)
        for offset in (-rng.randint(5, 25), -rng.randint(30, 60), rng.randint(2, 25)):
            topic = rng.choice(topics)
            day = (_workday_on(today + timedelta(days=offset), calendar) if offset > 0
                   else _workday_back(today + timedelta(days=offset), calendar))
            place, lat, lng = rng.choice(PLACES)
            start = time(rng.choice((8, 9, 10, 13)), rng.choice((0, 30)))
            write(agency, Publication.Kind.AGENDA,
                  rng.choice(AGENDA).format(topic=topic, short=short), topic,
                  _workday_back(day - timedelta(days=7), calendar), 10, event_date=day,
                  start_time=start, end_time=time(start.hour + 2, start.minute),
                  place=place.format(short=short), lat=lat, lng=lng)

    # Three news items written ahead, not public until their time.
    for days, code in zip((1, 2, 4), SCHEDULED, strict=True):
        agency = next(a for a in agencies if a.code == code)
        post = Publication(agency=agency, kind=Publication.Kind.NEWS,
                           title=f"Layanan {agency.short_name} pada akhir pekan",
                           body="Dijadwalkan terbit: layanan tetap buka di Mal Pelayanan Publik.",
                           publish_at=now + timedelta(days=days))
        publication_save(publication=post, actor=dukcapil if code == "dispendukcapil"
                         else editor)
        loaded.created += 1

    # Two corrections: a time and a place were wrong.
    first = (Publication.objects.filter(agency__code="dispendukcapil", kind="berita",
                                        publish_at__lte=now).order_by("-publish_at").first())
    if first:
        publication_correct(publication=first, title=first.title,
                            body=first.body.replace("tahun", "pada tahun", 1),
                            note="Nama program semula tertulis keliru; sudah diperbaiki.",
                            actor=dukcapil)
    event = (Publication.objects.filter(agency__code="dishub", kind="agenda",
                                        publish_at__lte=now).order_by("-event_date").first())
    if event:
        publication_correct(publication=event, title=event.title,
                            body=event.body + "\n\nTempat pindah ke Ruang Sidang Balai Kota.",
                            note="Tempat kegiatan berubah ke Ruang Sidang Balai Kota Malang.",
                            actor=editor)
    _review_last_month(agencies, editor, rng, today)
    this_month = score.month_start(today)
    month = this_month
    for _i in range(3):
        month = score.month_start(month - timedelta(days=1))
    while month <= this_month:
        score_snapshot_month(month=month, today=today)
        month = score.month_start(score.month_end(month) + timedelta(days=1))
    return loaded


def _review_last_month(agencies, editor, rng, today) -> None:
    """Diskominfo's editor checked every OPD's site last month (evidence links kept)."""
    last_month = score.month_start(score.month_start(today) - timedelta(days=1))
    day = _workday_back(score.month_end(last_month), get_work_calendar())
    items = list(ComplianceItem.objects.filter(evaluation=ComplianceItem.Evaluation.REVIEWER))
    with happened_at(at(day, 10), ComplianceReview):
        for agency in agencies:
            quiet = agency.code in STALE + SILENT
            for item in items:
                passed = not quiet and rng.random() < 0.75
                review_record(agency=agency, item=item, month=last_month, passed=passed,
                              evidence_url=(f"https://{agency.code}.malangkota.go.id/{item.code}"
                                            if passed else ""),
                              note="" if passed else "Belum ditemukan di situs OPD.",
                              actor=editor)
