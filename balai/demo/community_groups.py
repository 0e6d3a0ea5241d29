"""Demo KIM: the eight KIM of Kota Malang named in issue 15, their Forum KIM, officers,
members, activities and site posts.

Names of people, decree numbers and posts are made up; the KIM and their kelurahan are the
ones Kota Malang names. Registered through the services (with the story's dates), the rows
that only fill the pages (members, activities) bulk-created. Idempotent: a KIM already
there is left as it is.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from balai.accounts.models import User
from balai.community_groups import services
from balai.community_groups.models import Activity, Cooperation, Forum, Kim, Member, Officer
from balai.demo.history import Loaded, at, happened_at
from balai.geo.models import Area

KIMS = [
    # slug, name, kelurahan code, founded, tagline
    ("tlogomas", "KIM Tlogomas", "35.73.05.1003", date(2016, 5, 12),
     "Warga Tlogomas berbagi kabar, belajar media dan memasarkan produk kampung."),
    ("bandungrejosari", "KIM Bandungrejosari", "35.73.04.1004", date(2017, 8, 3),
     "Kabar Bandungrejosari dari warga untuk warga."),
    ("kedungkandang", "KIM Kedungkandang", "35.73.03.1006", date(2018, 2, 20),
     "Informasi, literasi media dan UMKM Kedungkandang."),
    ("tunjungsekar", "KIM Tunjungsekar", "35.73.05.1008", date(2018, 10, 1),
     "Tunjungsekar melek informasi."),
    ("purwantoro", "KIM Purwantoro", "35.73.01.1007", date(2019, 4, 17),
     "Dari Purwantoro untuk Kota Malang."),
    ("dinoyo", "KIM Dinoyo", "35.73.05.1004", date(2015, 11, 9),
     "Kampung keramik Dinoyo dan kabar warganya."),
    ("pandanwangi", "KIM Pandanwangi", "35.73.01.1006", date(2020, 1, 15),
     "Pandanwangi guyub, informatif dan kreatif."),
    ("cemorokandang", "KIM Cemorokandang", "35.73.03.1010", date(2021, 6, 30),
     "Kabar dan produk warga Cemorokandang."),
]
OFFICER_PERSONA = "kim.tlogomas@demo.balai.id"
FIRST = ["Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko",
         "Kartika", "Lukman", "Maya", "Nanda", "Oki", "Putri", "Rudi", "Sari", "Tono", "Wulan"]
LAST = ["Santoso", "Rahayu", "Wibowo", "Lestari", "Hidayat", "Purnomo", "Utami", "Saputra",
        "Kurniawan", "Anggraini"]
ACTIVITIES = [
    ("diseminasi", "Sosialisasi layanan pengaduan dan PPID di balai RW"),
    ("liputan", "Liputan kerja bakti bersih sungai"),
    ("aspirasi", "Menghimpun usulan warga untuk musrenbang kelurahan"),
    ("literasi", "Kelas literasi digital: mengenali hoaks"),
    ("ekonomi", "Pendampingan foto produk UMKM untuk pasar daring"),
    ("rapat", "Rapat pengurus bulanan"),
    ("pelatihan", "Bimtek jurnalistik warga"),
    ("pelatihan", "Pelatihan video pendek untuk media sosial"),
]
POSTS = [
    ("berita", "Warga {place} belajar membuat video pendek",
     "Sebanyak **25 warga** mengikuti kelas video pendek di balai RW.\n\n"
     "Materi yang dipelajari:\n\n- merekam dengan ponsel\n- menyunting dengan aplikasi "
     "gratis\n- mengunggah ke media sosial KIM\n\nKelas berikutnya dibuka bulan depan."),
    ("berita", "UMKM {place} kini berjualan di Pasar balai",
     "Pengurus KIM membantu pelaku UMKM memotret produk dan mendaftar sebagai penjual. "
     "Produk mereka dapat dilihat di [Pasar UMKM](/pasar/).\n\n"
     "> Pembeli menghubungi penjual lewat WhatsApp; tidak ada pembayaran di situs."),
    ("agenda", "Pertemuan rutin KIM {place}",
     "Pertemuan terbuka untuk warga: kabar kelurahan, rencana liputan dan pendaftaran "
     "anggota baru."),
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def load_kims(*, today: date | None = None) -> Loaded:
    """The Forum KIM Kota Malang and the eight KIM with their sites (idempotent)."""
    from django.utils import timezone  # noqa: PLC0415

    today = today or timezone.localdate()
    rng = random.Random(15)
    keeper = User.objects.get(email="kim@demo.balai.id")
    loaded = Loaded()
    kota = Area.objects.get(code="35.73")
    forum, _ = Forum.objects.get_or_create(name="Forum KIM Kota Malang", defaults={
        "area": kota, "chair_name": "Heru Prasetyo", "sk_number": "100.3.3.2/45/35.73.406/2024",
        "sk_date": date(2024, 2, 12)})
    areas = {a.code: a for a in Area.objects.filter(code__in=[k[2] for k in KIMS])}
    members, activities, cooperations = [], [], []
    for slug, name, code, founded, tagline in KIMS:
        if Kim.objects.filter(slug=slug).exists():
            continue
        kelurahan = areas[code]
        moment = at(founded + timedelta(days=40), 10)
        with happened_at(moment):
            kim = services.kim_register(
                name=name, slug=slug, kelurahan=kelurahan, status=Kim.Status.ACTIVE,
                sk_number=f"188.45/{rng.randint(3, 40)}/{code}/{founded.year}",
                sk_date=founded, sk_issuer=f"Lurah {kelurahan.name}", forum=forum,
                kimid_ref=f"KIM-3573-{rng.randint(1000, 9999)}", founded_on=founded,
                actor=keeper)
            services.kim_profile_update(
                kim=kim, actor=keeper, tagline=tagline,
                about=(f"{name} dibentuk oleh warga Kelurahan {kelurahan.name} dan dikukuhkan "
                       f"dengan SK Lurah. Kami menyebarkan informasi pemerintah, menghimpun "
                       f"aspirasi warga dan membantu UMKM memasarkan produknya."),
                vision=f"Warga {kelurahan.name} yang melek informasi dan berdaya.",
                mission="Menyebarkan informasi yang benar; melatih warga bermedia; "
                        "mempromosikan produk UMKM kampung.",
                public_email=f"{slug}@kim.demo.balai.id", instagram=f"kim.{slug}")
            officer_user = (User.objects.filter(email=OFFICER_PERSONA).first()
                            if slug == "tlogomas" else None)
            for position, person in [(Officer.Position.KETUA, officer_user),
                                     (Officer.Position.SEKRETARIS, None),
                                     (Officer.Position.BENDAHARA, None),
                                     (Officer.Position.SEKSI, None)]:
                services.officer_add(
                    kim=kim, name=person.full_name if person else _name(rng),
                    position=position, user=person,
                    section="Media dan UMKM" if position == Officer.Position.SEKSI else "",
                    phone=f"08{rng.randint(1_000_000_000, 9_999_999_999)}", actor=keeper)
        for _i in range(rng.randint(8, 16)):
            members.append(Member(kim=kim, name=_name(rng),
                                  contact=f"08{rng.randint(1_000_000_000, 9_999_999_999)}",
                                  joined_on=founded + timedelta(days=rng.randint(0, 900))))
        for n in range(rng.randint(4, 8)):
            kind, title = ACTIVITIES[(n + rng.randint(0, 7)) % len(ACTIVITIES)]
            held = today - timedelta(days=rng.randint(3, 330))
            activities.append(Activity(
                kim=kim, held_on=held, kind=kind, title=title,
                organiser="Diskominfo Kota Malang" if kind == "pelatihan" else "",
                evidence_link=f"https://www.instagram.com/kim.{slug}/"))
        for n, (kind, title, body) in enumerate(POSTS):
            published = at(today - timedelta(days=5 + 9 * n + rng.randint(0, 6)), 9)
            with happened_at(published):
                services.post_publish(
                    kim=kim, kind=kind, title=title.format(place=kelurahan.name), body=body,
                    event_on=today + timedelta(days=6 + rng.randint(0, 20))
                    if kind == "agenda" else None,
                    event_place=f"Balai RW 03 {kelurahan.name}" if kind == "agenda" else "",
                    now=published, actor=officer_user or keeper)
        loaded.created += 1
    if loaded.created:
        Member.objects.bulk_create(members)
        Activity.objects.bulk_create(activities)
        tlogomas = Kim.objects.get(slug="tlogomas")
        if not tlogomas.cooperations.exists():
            cooperations.append(Cooperation(
                kim=tlogomas, partner="KIM Cibeunying Kidul", partner_region="Kota Bandung",
                started_on=date(2025, 9, 1), about="Tukar pengalaman pengelolaan situs KIM"))
            Cooperation.objects.bulk_create(cooperations)
    load_lomba(keeper=keeper, today=today)
    return loaded


LOMBA_CRITERIA = [("Administrasi", 30, 100), ("Pemanfaatan media KIM", 35, 100),
                  ("Kegiatan inti", 35, 100)]


def load_lomba(*, keeper, today: date) -> None:
    """The Lomba KIM of this year, judged by Diskominfo's KIM officer and the head of
    office, results published (the competition pages have a story to show)."""
    from balai.community_groups.models import Competition  # noqa: PLC0415

    if Competition.objects.exists():
        return
    judges = [keeper, *User.objects.filter(email="kadis@demo.balai.id")]
    rng = random.Random(2026)
    with happened_at(at(today - timedelta(days=20), 9)):
        lomba = services.competition_open(name="Lomba KIM Kota Malang", year=today.year,
                                          criteria=LOMBA_CRITERIA, judges=judges,
                                          actor=keeper)
    criteria = list(lomba.criteria.all())
    for judge in judges:
        values = {(entry.pk, c.pk): rng.randint(60, 95) for entry in lomba.entries.all()
                  for c in criteria}
        with happened_at(at(today - timedelta(days=10), 14)):
            services.competition_score(competition=lomba, values=values, judge=judge)
    with happened_at(at(today - timedelta(days=3), 10)):
        services.competition_close(competition=lomba, actor=keeper)
