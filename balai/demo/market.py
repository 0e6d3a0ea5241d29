"""Demo UMKM market: about 60 sellers of the eight Malang KIM and about 200 listings in the
eight Malpro categories, in every state.

Bulk-created (the market's pages only need rows; the story's audit trail is one entry per
seller's verification), photos drawn here as small JPEGs. Names, numbers and products are
made up. Idempotent: nothing is added when the demo sellers are there.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from balai.community_groups.models import Kim
from balai.core.tracking import case_code
from balai.demo.history import Loaded, at
from balai.geo.models import Area
from balai.market.licences import check
from balai.market.models import Listing, ListingPhoto, Report, Seller

PRODUCTS = {
    "makanan_minuman": [("Keripik tempe pedas 250 g", 15000), ("Sambal bawang botol", 25000),
                        ("Kue lumpur isi 10", 30000), ("Kopi robusta Dampit 200 g", 45000),
                        ("Keripik apel Batu 100 g", 20000), ("Bakpia kacang hijau", 35000),
                        ("Wedang uwuh sachet isi 5", 18000), ("Rengginang udang", 22000)],
    "fashion_pria": [("Kemeja batik Malangan lengan panjang", 175000),
                     ("Kaos sablon Arema", 85000), ("Peci rajut", 40000),
                     ("Sandal kulit pria", 120000)],
    "fashion_wanita": [("Hijab segi empat motif topeng Malang", 65000),
                       ("Gamis batik cap", 210000), ("Tas rajut wanita", 95000),
                       ("Kebaya modern", 275000)],
    "peralatan": [("Cetakan kue kering aluminium", 35000), ("Pisau dapur tempa", 60000),
                  ("Rak bumbu kayu jati", 90000), ("Pompa air servis ulang", 350000)],
    "kerajinan": [("Keramik vas Dinoyo", 125000), ("Topeng Malangan ukir", 250000),
                  ("Gantungan kunci keramik isi 5", 25000), ("Anyaman bambu tudung saji", 45000)],
    "rumah_tangga": [("Sabun cuci piring racikan 1 L", 18000), ("Keset kain perca", 20000),
                     ("Sapu ijuk", 30000), ("Taplak meja batik", 75000)],
    "jasa": [("Jasa jahit dan permak pakaian", 25000), ("Servis AC rumah", 150000),
             ("Les privat matematika SD", 75000), ("Cuci sepatu", 35000)],
    "pernikahan": [("Sewa dekorasi pelaminan", 3500000), ("Rias pengantin adat Jawa", 2500000),
                   ("Souvenir keramik pernikahan isi 100", 500000),
                   ("Katering prasmanan per porsi", 35000)],
}
COLOURS = {"makanan_minuman": (214, 118, 46), "fashion_pria": (46, 94, 170),
           "fashion_wanita": (170, 60, 120), "peralatan": (90, 90, 90),
           "kerajinan": (150, 100, 50), "rumah_tangga": (40, 140, 110),
           "jasa": (80, 60, 160), "pernikahan": (190, 150, 40)}
OWNERS = ["Sri Wahyuni", "Bambang Irawan", "Yuli Astuti", "Heri Susanto", "Nur Hasanah",
          "Agus Salim", "Rini Marlina", "Dedi Kurnia", "Tutik Handayani", "Slamet Riyadi",
          "Wiwik Sulistyo", "Imam Syafii", "Endang Lestari", "Mulyadi", "Siti Aminah"]
SHOPS = ["Dapur", "Rumah", "Griya", "Toko", "Kedai", "Sanggar", "Galeri", "Warung"]
SELLERS = 60
LISTINGS = 200


def _photo(title: str, colour: tuple[int, int, int]) -> bytes:
    img = Image.new("RGB", (600, 600), colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, 560, 560), outline=(255, 255, 255), width=6)
    words, line, lines = title.split(), "", []
    for word in words:
        if len(line) + len(word) > 16:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    font = ImageFont.load_default(size=46)
    for n, text in enumerate(lines[:5]):
        draw.text((70, 200 + n * 58), text, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


@transaction.atomic
def load_market(*, today: date | None = None) -> Loaded:
    loaded = Loaded()
    if Seller.objects.filter(email__endswith="@umkm.demo.balai.id").exists():
        return loaded
    today = today or timezone.localdate()
    rng = random.Random(1517)
    kims = list(Kim.objects.select_related("kelurahan").order_by("slug"))
    if not kims:
        return loaded
    sellers = []
    for n in range(SELLERS):
        kim = kims[n % len(kims)]
        category = list(PRODUCTS)[n % len(PRODUCTS)]
        owner = OWNERS[n % len(OWNERS)]
        food = category == "makanan_minuman"
        status = (Seller.Status.PENDING if n % 12 == 11 else Seller.Status.VERIFIED)
        sellers.append(Seller(
            # 8 shop words by 15 owners: 60 different names.
            name=owner, business_name=f"{SHOPS[n % len(SHOPS)]} {owner.split()[0]}",
            email=f"penjual{n + 1:02d}@umkm.demo.balai.id",
            whatsapp=f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}",
            kim=kim, kelurahan=kim.kelurahan, size=rng.choice(["mikro", "mikro", "kecil"]),
            nib=f"{rng.randint(10**12, 10**13 - 1)}" if n % 5 else "",
            # Two food sellers carry a P-IRT that ran out in 2025: their badge is hidden.
            pirt_number=(f"P-IRT No. 2{rng.randint(10, 99)}3573{rng.randint(10, 99)}"
                         f"{rng.randint(1000, 9999)}-{25 if n in (0, 8) else 29}")
            if food else "",
            halal_number=f"ID3511000{rng.randint(10**9, 10**10 - 1)}" if food or n % 3 == 0
            else "",
            halal_expires_on=date(2029, 6, 30) if food or n % 3 == 0 else None,
            status=status, trusted=status == Seller.Status.VERIFIED and n % 4 == 0,
            verified_at=at(today - timedelta(days=120 - n), 10)
            if status == Seller.Status.VERIFIED else None))
    for seller in sellers:  # the day the re-badge sweep looks at them again
        seller.licences_change_on = seller.licences_next_change(today)
    sellers = Seller.objects.bulk_create(sellers)
    verified = [s for s in sellers if s.status == Seller.Status.VERIFIED]
    listings, photos = [], []
    S = Listing.Status
    # Some sellers also keep a stall at Pasar Besar: those listings name its kelurahan,
    # not the seller's (a listing's kelurahan is the seller's choice).
    pasar_besar = Area.objects.filter(name="Sukoharjo", level=Area.Level.KELURAHAN).first()
    for n in range(LISTINGS):
        seller = verified[n % len(verified)] if n < 190 else sellers[11]
        category = list(PRODUCTS)[(sellers.index(seller) + n // len(verified)) % len(PRODUCTS)]
        if seller.halal_number == "" and category == "makanan_minuman":
            category = "kerajinan"
        title, price = PRODUCTS[category][n % len(PRODUCTS[category])]
        status = (S.DRAFT if n >= 190 else S.REVIEW if n % 20 == 3 else S.EXPIRED
                  if n % 25 == 7 else S.REMOVED if n % 50 == 9 else S.LIVE)
        published_days = rng.randint(1, 55) if status == S.LIVE else rng.randint(62, 90)
        published = at(today - timedelta(days=published_days), 9 + n % 8)
        badges = check(category=category, size=seller.size, today=today, nib=seller.nib,
                       pirt_number=seller.pirt_number, halal_number=seller.halal_number,
                       halal_expires_on=seller.halal_expires_on).badges
        live_like = status in (S.LIVE, S.EXPIRED, S.REMOVED)
        listings.append(Listing(
            code=f"demo-{n}", seller=seller, category=category, title=title,
            description=f"{title} buatan {seller.business_name}. Pesan lewat WhatsApp, ambil "
                        f"di tempat atau COD di sekitar {seller.kelurahan.name}.",
            price=round(price * rng.choice([0.9, 1, 1, 1.1, 1.2]), -2),
            stock_note=("Lapak di Pasar Besar, lantai 2" if n % 9 == 4 and pasar_besar
                        else rng.choice(["Siap setiap hari", "Pre-order 3 hari",
                                         "Stok terbatas", ""])),
            kelurahan=pasar_besar if n % 9 == 4 and pasar_besar else seller.kelurahan,
            kim=seller.kim, status=status,
            search_text=Listing.search_text_for(title, seller.business_name),
            published_at=published if live_like else None,
            expires_on=(timezone.localdate(published)
                        + timedelta(days=settings.MARKET_LISTING_DAYS)) if live_like else None,
            badge_nib="nib" in badges, badge_pirt="pirt" in badges,
            badge_halal="halal" in badges, badge_bpom="bpom" in badges,
            contact_count=rng.randint(0, 40) if status == S.LIVE else 0))
    listings = Listing.objects.bulk_create(listings)
    for listing in listings:
        listing.code = case_code("PSR", listing.published_at.year if listing.published_at
                                 else today.year, listing.pk)
        colour = COLOURS[listing.category]
        data = _photo(listing.title, colour)
        name = default_storage.save(f"pasar/demo/{listing.code}.jpg", ContentFile(data))
        photos.append(ListingPhoto(listing=listing, image=name, thumbnail=name, position=0))
    Listing.objects.bulk_update(listings, ["code"])
    ListingPhoto.objects.bulk_create(photos)
    live = [x for x in listings if x.status == S.LIVE]
    Report.objects.bulk_create([
        Report(listing=live[3], reason=Report.Reason.SCAM, reporter_key="demo-warga-1",
               details="Penjual minta transfer DP dulu sebelum bertemu."),
        Report(listing=live[17], reason=Report.Reason.WRONG, reporter_key="demo-warga-2",
               details="Harga tidak sesuai."),
    ])
    # A listing three different people reported within the week: hidden for review
    # (MARKET_REPORT_HIDE_REPORTERS), waiting in the moderators' queue.
    hidden = live[25]
    Report.objects.bulk_create(
        Report(listing=hidden, reason=reason, details=details, reporter_key=f"demo-pelapor-{n}")
        for n, (reason, details) in enumerate([
            (Report.Reason.SCAM, "Minta transfer dulu, katanya barang dikirim besok."),
            (Report.Reason.SCAM, "Nomor WhatsApp-nya menyuruh bayar DP 50%."),
            (Report.Reason.LICENCE, "Label halal di foto tidak ada nomornya.")]))
    Listing.objects.filter(pk=hidden.pk).update(
        status=S.REVIEW, review_note="Disembunyikan setelah dilaporkan pembeli: moderator "
                                     "akan memeriksanya lalu menampilkannya kembali atau "
                                     "memberi tahu apa yang perlu diubah.")
    loaded.created = len(listings)
    return loaded
