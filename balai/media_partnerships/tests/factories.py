"""Outlets, rounds and orders for the media-partnership tests."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from balai.media_partnerships.models import (
    Journalist,
    MediaOutlet,
    OutletDocument,
    Requirement,
    VerificationRound,
)
from balai.media_partnerships.services.outlets import _record_certificate

PRESS_COUNCIL_UNTIL = date(2027, 3, 31)


def outlet(name: str = "Warta Malang", *, ukw: str = "utama", secret: str = "",
           **extra) -> MediaOutlet:
    values = {
        "company_name": f"PT {name} Media", "media_type": "online", "legal_form": "pt",
        "deed_number": "12", "deed_date": date(2019, 2, 1), "nib": "9120001234567",
        "npwp": "012345678901234", "kbli": "63122", "press_council_status": "factual",
        "press_council_certificate": "1234/DP-Terverifikasi/K/III/2022",
        "press_council_valid_until": PRESS_COUNCIL_UNTIL,
        "first_published_on": date(2019, 6, 1), "address": "Jl. Ijen 10, Malang",
        "has_local_office": True, "email": "redaksi@example.id", "phone": "0341123456",
        "bank_name": "Bank Jatim", "bank_account_number": "0011223344",
        "bank_account_name": f"PT {name} Media", "ekatalog_id": "EK-001",
        **extra}
    secret_hash = MediaOutlet.hash_secret(secret) if secret else MediaOutlet.new_secret()[1]
    row = MediaOutlet.objects.create(name=name, secret_hash=secret_hash, **values)
    Journalist.objects.create(outlet=row, name=f"Redaktur {name}", is_chief_editor=True,
                              ukw_level=ukw, ukw_certificate="UKW-1" if ukw else "",
                              ukw_valid_until=date(2028, 1, 1))
    OutletDocument.objects.create(outlet=row, kind="deed", file="outlets/x.pdf",
                                  content_type="application/pdf", sha256="0" * 64)
    _record_certificate(row)
    return row


def verification_round(*, opens_on=date(2026, 1, 5), closes_on=date(2026, 12, 31),
                       year: int = 2026) -> VerificationRound:
    rnd = VerificationRound.objects.create(
        name=f"Verifikasi Media {year}", year=year,
        legal_basis="Peraturan Wali Kota Malang Nomor 12 Tahun 2025", opens_on=opens_on,
        closes_on=closes_on, valid_until=date(year, 12, 31))
    K = Requirement.Kind
    for order, (kind, value, label) in enumerate([
            (K.DOCUMENT, "deed", "Akta pendirian dan SK AHU"),
            (K.PRESS_COUNCIL, "factual", "Terverifikasi faktual Dewan Pers"),
            (K.CHIEF_EDITOR_UKW, "utama", "Pemimpin redaksi UKW utama"),
            (K.KBLI, "", "KBLI pers"),
            (K.MONTHS_OUTPUT, "6", "Terbit 6 bulan berturut-turut"),
            (K.LOCAL_OFFICE, "", "Kantor di Kota Malang"),
            (K.MANUAL, "", "Kotak redaksi dimuat")]):
        Requirement.objects.create(round=rnd, kind=kind, value=value, label=label,
                                   order=order)
    return rnd


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def order_data(agency, outlet, *, year: int = 2026, ceiling: int = 10_000_000):
    from balai.media_partnerships.services import OrderData

    return OrderData(agency_id=agency.pk, outlet=outlet, year=year,
                     budget_line="5.1.02.02.01.0063 Belanja Jasa Iklan", ceiling=ceiling,
                     contract_kind="pks", contract_reference="027/PKS/35.73.102/2026",
                     period_start=date(year, 3, 1), period_end=date(year, 11, 30))


def contracted_order(agency, outlet, *, actor, items=(("news", "Berita", 1, 1_000_000),),
                     year: int = 2026, period=None, proven=True):
    """An order under agreement with its items (set straight to CONTRACTED: the letter has
    its own tests) and, when `proven`, a print proof for each item."""
    from balai.media_partnerships import services
    from balai.media_partnerships.models import Deliverable, Order

    data = order_data(agency, outlet, year=year, ceiling=100_000_000)
    if period:
        data.period_start, data.period_end = period
    order = services.order_create(data=data, actor=actor)
    made = [services.order_item_add(order=order, item_kind=kind, description=text,
                                    quantity=qty, unit_price=price, actor=actor,
                                    above_card_reason="Liputan khusus")
            for kind, text, qty, price in items]
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONTRACTED)
    if proven:
        for item in made:
            Deliverable.objects.create(item=item, kind="print", published_on=data.period_start,
                                       edition="1", copies_received=1, received_by="TU")
    order.refresh_from_db()
    return order
