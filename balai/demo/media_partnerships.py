"""Demo media partnerships: 40 made-up outlets in every verification state, the 2026 rate
card, orders from three OPDs with their proofs and invoices, through the services.

The story: Diskominfo Kota Malang verified its media partners for 2026 in January and
February (Perwal 12/2025); 16 were verified, 8 refused (a lapsed Press Council
certificate, a chief editor without UKW utama, no press KBLI, a new outlet, no office in
the city). Dinas PUPR, DLH and Dinkes ordered from the verified ones from March; most
items have a proof, some do not, one invoice waits for more than 30 days, one price is
above the card with its reason, Dinkes's newspaper subscription came six copies short,
and one outlet's certificate lapsed mid-order and was renewed six weeks later (the
red-flag report has one of each). The 2027 round opened in mid-November: 16 outlets are
submitted, in review or returned for correction, and one withdrew its application. Every
name and number is made up.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.agencies.models import Agency
from balai.core.audit import log_action
from balai.demo.history import Loaded, happened_at
from balai.media_partnerships import services
from balai.media_partnerships.files import prepare_paper
from balai.media_partnerships.models import (
    Application,
    Deliverable,
    Invoice,
    MediaOutlet,
    Order,
    RenderState,
    Requirement,
    VerificationRound,
    certificate_valid_from,
)

PDF = b"%PDF-1.4\n% demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PLACES = ["Malang", "Arema", "Brawijaya", "Tugu", "Ijen", "Kayutangan", "Lowokwaru",
          "Blimbing", "Sukun", "Klojen", "Kedungkandang", "Bromo", "Semeru", "Arjuno",
          "Kawi", "Panderman", "Dinoyo", "Tlogomas", "Sawojajar", "Celaket"]
KINDS = ["Warta", "Kabar", "Suara", "Radar", "Info", "Berita", "Lensa", "Jurnal"]
TYPES = ["online"] * 5 + ["print"] + ["radio"] + ["tv"]
KBLI = {"online": "63122", "print": "58130", "radio": "60102", "tv": "60202"}
CHIEFS = ["Agus Salim", "Bayu Aji", "Citra Dewi", "Dedi Kurnia", "Endah Lestari",
          "Fajar Sidik", "Gita Permata", "Hadi Purnomo", "Intan Sari", "Joko Susilo"]
# What makes a refused outlet fail (the first is the Lampung Barat finding).
REFUSALS = ["lapsed", "madya", "kbli", "new", "office", "lapsed", "madya", "administrative"]
# The 2027 round: the states of its 16 applications.
OPEN_STATES = ["submitted"] * 5 + ["in_review"] * 5 + ["correction"] * 5 + ["withdrawn"]
ORDERS = [
    # agency, outlet index, items (kind, description, quantity, unit price or None = card)
    ("pupr", 0, [("advertorial", "Advertorial perbaikan jalan Soekarno-Hatta", 2, None),
                 ("news", "Berita peresmian jembatan Kedungkandang", 3, None)]),
    ("pupr", 1, [("news", "Berita program bedah rumah", 4, None)]),
    ("pupr", 3, [("banner", "Banner informasi penutupan jalan", 2, 450_000)]),
    ("dlh", 0, [("news", "Berita bank sampah kelurahan", 2, None)]),
    ("dlh", 3, [("banner", "Banner gerakan pilah sampah", 2, None),
                ("advertorial", "Advertorial Adipura Kota Malang", 1, 3_500_000)]),
    ("dlh", 4, [("news", "Berita penanaman pohon di sempadan Brantas", 2, None)]),
    ("dinkes", 1, [("news", "Berita imunisasi campak", 3, None)]),
    ("dinkes", 5, [("news", "Berita layanan puskesmas keliling", 2, None)]),
    ("dinkes", 6, [("subscription", "Langganan surat kabar untuk ruang tunggu", 30, None)]),
]


def _paper(name: str):
    return prepare_paper(SimpleUploadedFile(name, PDF), label=name)


def _at(day: date, hour: int = 10) -> datetime:
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


def _rate_card(officer) -> None:
    prices = {"advertorial": 2_500_000, "news": 1_000_000, "banner": 500_000,
              "print_ad": 3_000_000, "ad_spot": 750_000, "live_broadcast": 5_000_000,
              "talk_show": 4_000_000, "subscription": 5_000}
    kinds = {"online": ["advertorial", "news", "banner"],
             "print": ["advertorial", "news", "print_ad", "subscription"],
             "radio": ["ad_spot", "talk_show", "live_broadcast"],
             "tv": ["ad_spot", "talk_show", "live_broadcast"]}
    factor = {"A": 1.0, "B": 0.7, "C": 0.5}
    lines = [services.RateLine(media, kind, tier, int(prices[kind] * factor[tier]))
             for media, names in kinds.items() for kind in names for tier in factor]
    services.rate_card_save(year=2026, lines=lines, actor=officer,
                            legal_basis="Peraturan Wali Kota Malang Nomor 12 Tahun 2025 tentang "
                                        "Standar Harga Publikasi Media")


def _round(name, year, opens, closes, valid_until) -> VerificationRound:
    rnd = VerificationRound.objects.create(
        name=name, year=year, opens_on=opens, closes_on=closes, valid_until=valid_until,
        legal_basis="Peraturan Wali Kota Malang Nomor 12 Tahun 2025 tentang Kerja Sama "
                    "Publikasi dengan Perusahaan Pers")
    K = Requirement.Kind
    Requirement.objects.bulk_create(Requirement(round=rnd, order=n, kind=kind, value=value,
                                                label=label)
                                    for n, (kind, value, label) in enumerate([
        (K.DOCUMENT, "deed", "Akta pendirian dan SK AHU"),
        (K.DOCUMENT, "npwp", "NPWP perusahaan"),
        (K.PRESS_COUNCIL, "factual", "Terverifikasi faktual Dewan Pers"),
        (K.CHIEF_EDITOR_UKW, "utama", "Pemimpin redaksi bersertifikat UKW utama"),
        (K.KBLI, "", "KBLI perusahaan pers"),
        (K.MONTHS_OUTPUT, "6", "Terbit 6 bulan berturut-turut"),
        (K.LOCAL_OFFICE, "", "Kantor di Kota Malang"),
        (K.MANUAL, "", "Kotak redaksi dan alamat dimuat")]))
    return rnd


def _outlet(n: int, rng: random.Random, *, flaw: str = "") -> MediaOutlet:
    media = TYPES[n % len(TYPES)]
    name = f"{KINDS[n % len(KINDS)]} {PLACES[n % len(PLACES)]}" + (f" {n // 20 + 1}"
                                                                     if n >= 20 else "")
    first = date(2015 + n % 9, 1 + n % 12, 1)
    valid = date(2027 + n % 3, 1 + n % 12, 1)
    status = "factual"
    if flaw == "lapsed":
        valid = date(2025, 11, 30)
    elif flaw == "administrative":
        status = "administrative"
    elif flaw == "new":
        first = date(2025, 11, 1)
    slug = name.lower().replace(" ", "")
    data = services.OutletData(
        name=name, company_name=f"PT {name} Media Utama", media_type=media, legal_form="pt",
        deed_number=f"{10 + n}", deed_date=first - timedelta(days=60),
        ahu_number=f"AHU-00{4000 + n}.AH.01.01.TAHUN {first.year}",
        nib=f"91200{n:08d}", npwp=f"0{rng.randint(10**13, 10**14 - 1)}",
        kbli="47111" if flaw == "kbli" else KBLI[media], press_council_status=status,
        press_council_certificate=f"{100 + n}/DP-Terverifikasi/K/{first.year + 1}"
        if status == "factual" else "",
        press_council_valid_until=valid if status == "factual" else None,
        first_published_on=first,
        address=f"Jl. {PLACES[(n + 3) % len(PLACES)]} No. {n + 1}, "
                + ("Surabaya" if flaw == "office" else "Kota Malang"),
        has_local_office=flaw != "office", website=f"https://{slug}.example",
        email=f"redaksi@{slug}.example", phone=f"0341{500000 + n:06d}",
        bank_name=rng.choice(["Bank Jatim", "BRI", "BNI", "Bank Mandiri"]),
        bank_account_number=f"{rng.randint(10**9, 10**10 - 1)}",
        bank_account_name=f"PT {name} Media Utama", ekatalog_id=f"EKAT-MLG-{300 + n}",
        circulation="12.000 eksemplar per hari" if media == "print"
        else f"{rng.randint(40, 400)}.000 kunjungan per bulan")
    chief = services.JournalistData(
        name=CHIEFS[n % len(CHIEFS)], position="Pemimpin Redaksi",
        ukw_level="madya" if flaw == "madya" else "utama",
        ukw_certificate=f"UKW-{'MD' if flaw == 'madya' else 'UT'}-{2018 + n % 5}-{n:03d}",
        ukw_valid_until=date(2028, 6, 30))
    outlet, _secret = services.outlet_register(registration=services.Registration(
        outlet=data, chief_editor=chief, documents=[("deed", _paper("akta.pdf")),
                                                    ("npwp", _paper("npwp.pdf"))]))
    services.journalist_save(outlet=outlet, data=services.JournalistData(
        name=f"Reporter {PLACES[(n + 5) % len(PLACES)]}", position="Wartawan",
        ukw_level="muda", ukw_certificate=f"UKW-MU-{n:03d}", ukw_valid_until=date(2029, 1, 1)))
    return outlet


def _judge_manual(application, member, now, *, met=True):
    item = application.items.get(requirement__kind=Requirement.Kind.MANUAL)
    services.application_item_score(item=item, met=met, score=8 if met else 2, now=now,
                                    note="" if met else "Kotak redaksi tidak dimuat.",
                                    actor=member)


def load_media(*, seed: int = 2026) -> Loaded:
    """Outlets, rounds, the rate card, orders, proofs and invoices, unless already there."""
    loaded = Loaded()
    if MediaOutlet.objects.exists():
        return loaded
    rng = random.Random(seed)
    officer = User.objects.get(email="media@demo.balai.id")
    member = User.objects.get(email="tim.media@demo.balai.id")
    agencies = {a.code: a for a in Agency.objects.filter(code__in=["pupr", "dlh", "dinkes"])}
    heads = {"pupr": User.objects.filter(email="kepala.pupr@demo.balai.id").first()}
    past = _round("Verifikasi Media Mitra 2026", 2026, date(2026, 1, 12), date(2026, 2, 27),
                  date(2026, 12, 31))
    current = _round("Verifikasi Media Mitra 2027", 2027, date(2026, 11, 16),
                     date(2027, 1, 15), date(2027, 12, 31))
    with happened_at(_at(date(2026, 1, 5))):
        _rate_card(officer)

    verified = []
    for n in range(24):  # the 2026 round: 16 verified, 8 refused
        flaw = REFUSALS[n - 16] if n >= 16 else ""
        day = date(2026, 1, 12) + timedelta(days=n)
        with happened_at(_at(day, 9), MediaOutlet, Application):
            outlet = _outlet(n, rng, flaw=flaw)
            application = services.application_submit(outlet=outlet, round=past,
                                                      now=_at(day, 9))
        review = _at(date(2026, 2, 2) + timedelta(days=n % 10), 10)
        with happened_at(review):
            services.application_review(application=application, actor=member, now=review)
            _judge_manual(application, member, review, met=flaw != "administrative")
        decided = review + timedelta(days=7)
        with happened_at(decided):
            services.application_decide(application=application, verified=not flaw,
                                        tier="ABC"[n % 3] if not flaw else "",
                                        actor=officer, now=decided)
        if not flaw:
            verified.append(outlet)
        loaded.created += 1

    for n, state in enumerate(OPEN_STATES, start=24):  # the 2027 round, open now
        day = min(date(2026, 11, 16) + timedelta(days=n - 24), timezone.localdate())
        flaw = "kbli" if state == "correction" and n % 2 else ""
        with happened_at(_at(day, 9), MediaOutlet, Application):
            outlet = _outlet(n, rng, flaw=flaw)
            application = services.application_submit(outlet=outlet, round=current,
                                                       now=_at(day, 9))
        if state == "withdrawn":
            with happened_at(_at(day, 16)):
                services.application_withdraw(
                    application=application,
                    reason="Redaksi sedang berganti badan hukum; kami mendaftar lagi setelah "
                           "SK AHU terbit.")
        if state in ("in_review", "correction"):
            with happened_at(_at(day, 14)):
                services.application_review(application=application, actor=member,
                                            now=_at(day, 14))
        if state == "correction":
            with happened_at(_at(day, 15)):
                services.application_return(
                    application=application, actor=member,
                    note="Unggah NPWP perusahaan yang terbaca dan lengkapi kode KBLI pers "
                         "sesuai akta.")
        loaded.created += 1

    _orders(verified, agencies, officer, heads, loaded)
    return loaded


def _orders(verified, agencies, officer, heads, loaded) -> None:
    """Orders from PUPR, DLH and Dinkes, with their proofs and invoices (see the story)."""
    from balai.media_partnerships.services.orders import card_price  # noqa: PLC0415

    online = [o for o in verified if o.media_type == "online"]
    printed = [o for o in verified if o.media_type == "print"]
    lapsing = online[-1]
    # The red flag of a certificate that lapses while an order runs: it ended on 31 August
    # and the outlet brought its renewal only on 15 October (the history keeps both).
    lapsed_until = date(2026, 8, 31)
    lapsing.certificates.update(valid_until=lapsed_until,
                                valid_from=certificate_valid_from(lapsed_until))
    renewed = services.OutletData(**{name: getattr(lapsing, name)
                                     for name in services.OutletData.__dataclass_fields__})
    renewed.press_council_certificate = f"{lapsing.pk}/DP-Terverifikasi/K/X/2026"
    renewed.press_council_valid_until = date(2031, 10, 14)
    services.outlet_update(outlet=lapsing, data=renewed)
    pool = online[:6] + [printed[0] if printed else online[6]]
    for n, (code, index, lines) in enumerate(ORDERS):
        outlet = MediaOutlet.objects.get(pk=(pool[index] if index < len(pool) else lapsing).pk)
        if n == len(ORDERS) - 2:
            outlet = MediaOutlet.objects.get(pk=lapsing.pk)
        start = date(2026, 3, 2) + timedelta(days=14 * n)
        end = date(2026, 11, 30) if n % 3 else date(2026, 9, 30)
        created = _at(start - timedelta(days=7))
        actor = heads.get(code) or officer
        with happened_at(created, Order):
            order = services.order_create(actor=officer, data=services.OrderData(
                agency_id=agencies[code].pk, outlet=outlet, year=2026,
                budget_line="5.1.02.02.01.0063 Belanja Jasa Iklan/Reklame, Film dan Pemotretan",
                ceiling=25_000_000, contract_kind="pks" if n % 2 else "ekatalog",
                contract_reference=(f"027/{40 + n}/PKS/35.73.{n + 1:03d}/2026" if n % 2
                                    else f"EPURCHASING-2026-{81230 + n}"),
                period_start=start, period_end=end), now=created)
            items = []
            for kind, text, qty, price in lines:
                card = card_price(year=2026, media_type=outlet.media_type, item_kind=kind,
                                  tier=outlet.tier) or 0
                above = price is not None and price > card
                items.append(services.order_item_add(
                    order=order, item_kind=kind, description=text, quantity=qty,
                    unit_price=price if price is not None else card,
                    above_card_reason="Liputan khusus dua halaman dengan foto udara"
                    if above else "", actor=officer if above else actor))
        with happened_at(_at(start - timedelta(days=3))):
            services.order_contract(order=order, actor=officer, now=_at(start - timedelta(days=3)))
        for m, item in enumerate(items):
            if n == 2 and m == 0:
                continue  # the banner PUPR paid for and never proved (a red flag)
            day = start + timedelta(days=10 + 5 * m)
            with happened_at(_at(day, 16), Deliverable):
                if outlet.media_type == "print":
                    services.deliverable_print_record(
                        item=item, edition=f"No. {4100 + n * 10 + m}", published_on=day,
                        # Six copies of the subscription never came (a red flag).
                        copies_received=item.quantity - (6 if item.is_per_copy else 0),
                        received_by="Subbag Umum Dinkes",
                        actor=officer)
                else:
                    _online_proof(item, day, n, m)
        proven = services.proven_amount(order)
        if proven:
            received = start + timedelta(days=40)
            with happened_at(_at(received, 11), Invoice):
                invoice = services.invoice_receive(
                    order=order, number=f"INV/{outlet.pk:03d}/{n + 1:02d}/2026",
                    received_on=received, amount=proven, actor=officer)
            if n not in (4, 7) and received + timedelta(days=21) <= timezone.localdate():
                paid = received + timedelta(days=14 + 3 * n)
                with happened_at(_at(paid, 13)):
                    services.invoice_pay(invoice=invoice, sp2d_number=f"{900 + n:05d}/SP2D/"
                                         f"BKAD/2026", sp2d_date=paid, actor=officer)
        loaded.created += 1


def _online_proof(item, day: date, n: int, m: int) -> None:
    """A made-up page as the fetcher would have kept it: snapshot, hash and fetch time (the
    demo fetches nothing from the internet)."""
    import hashlib  # noqa: PLC0415

    from django.core.files.base import ContentFile  # noqa: PLC0415

    from balai.media_partnerships.pages import fingerprint, read_page  # noqa: PLC0415
    from balai.media_partnerships.services.proofs import url_key  # noqa: PLC0415

    outlet = item.order.outlet
    html = (f"<html><head><title>{item.description}</title><meta property="
            f"\"article:published_time\" content=\"{day.isoformat()}T08:00:00+07:00\"></head>"
            f"<body><h1>{item.description}</h1><p>Kota Malang - {item.description}. Berita ini "
            f"dimuat {outlet.name} pada {day:%d/%m/%Y} sebagai bagian kerja sama publikasi "
            f"dengan {item.order.agency.name}, pesanan {item.order.code} butir {m + 1}. "
            f"Warga dapat menyampaikan tanggapan melalui layanan pengaduan balai.</p>"
            f"</body></html>").encode()
    facts = read_page(html.decode())
    url = f"{outlet.website}/berita/2026/{day:%m}/{item.order.code.lower()}-{m + 1}"
    proof = Deliverable(item=item, kind=Deliverable.Kind.ONLINE, published_on=day, url=url,
                        url_key=url_key(url), final_url=url, fetched_at=_at(day, 16),
                        http_status=200, page_title=facts.title, page_date=facts.published,
                        text_fingerprint=fingerprint(facts.words),
                        sha256=hashlib.sha256(html).hexdigest(),
                        # `balai worker` draws the made-up page's PDF and PNG (its sweep
                        # picks up proofs whose drawing is due), as for a real proof.
                        render_state=RenderState.PENDING, render_next_at=_at(day, 16))
    proof.snapshot_html.save(f"{proof.sha256[:16]}.html", ContentFile(html), save=False)
    with transaction.atomic():
        proof.save()
        log_action(item.order, "media_partnerships.proof_submitted",
                   data={"item": item.description, "url": url, "sha256": proof.sha256})

