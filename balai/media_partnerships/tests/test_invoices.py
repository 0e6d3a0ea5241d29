"""Invoices: taxes as configured, never more than what is proven, the SP2D, and the age
clock both the staff and the outlet read."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.media_partnerships import services
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(petugas_media, agency_pupr):
    services.rate_card_save(year=2026, legal_basis="Perwal 12/2025", lines=[
        services.RateLine("online", "news", "A", 1_000_000)], actor=petugas_media)
    outlet = factories.outlet(tier="A", verified_until=date(2026, 12, 31), secret="kunci")
    return factories.contracted_order(agency_pupr, outlet, actor=petugas_media, items=[
        ("news", "Berita 1", 2, 1_000_000)])


def test_tax_lines_follow_the_setting():
    lines = services.tax_lines(2_000_000, ["PPN 11%=11", "PPh 23=-2"])
    assert [x["amount"] for x in lines] == [220_000, -40_000]


def test_an_invoice_above_the_proven_items_is_refused(order, petugas_media):
    with pytest.raises(ValidationError) as exc:
        services.invoice_receive(order=order, number="INV-1", received_on=date(2026, 4, 1),
                                 amount=2_500_000, actor=petugas_media)
    assert "amount" in exc.value.message_dict
    invoice = services.invoice_receive(order=order, number="INV-1",
                                       received_on=date(2026, 4, 1), amount=2_000_000,
                                       actor=petugas_media)
    assert invoice.net_payable == 2_000_000 + 220_000 - 40_000
    with pytest.raises(ValidationError):  # nothing left to invoice
        services.invoice_receive(order=order, number="INV-2", received_on=date(2026, 4, 2),
                                 amount=1, actor=petugas_media)


def test_an_order_without_proof_cannot_be_invoiced(petugas_media, agency_pupr):
    services.rate_card_save(year=2026, legal_basis="Perwal", lines=[
        services.RateLine("online", "news", "A", 1_000_000)], actor=petugas_media)
    outlet = factories.outlet(tier="A", verified_until=date(2026, 12, 31))
    order = factories.contracted_order(agency_pupr, outlet, actor=petugas_media, proven=False)
    with pytest.raises(ValidationError):
        services.invoice_receive(order=order, number="INV-1", received_on=date(2026, 4, 1),
                                 amount=1_000_000, actor=petugas_media)


@time_machine.travel("2026-05-08 10:00 +0700", tick=False)
def test_the_age_clock_reads_menunggu_37_hari_for_staff_and_outlet(client, order,
                                                                   petugas_media):
    services.invoice_receive(order=order, number="INV-9", received_on=date(2026, 4, 1),
                             amount=1_000_000, actor=petugas_media)
    client.force_login(petugas_media)
    staff_page = client.get(reverse("media_partnerships:order", args=[order.pk]))
    assert "menunggu 37 hari" in staff_page.content.decode()
    client.logout()
    portal = reverse("media_partnerships:portal", args=[order.outlet.pk])
    page = client.get(portal + "?k=kunci", follow=True)
    assert "menunggu 37 hari" in page.content.decode()


def test_the_sp2d_stops_the_clock(order, petugas_media):
    invoice = services.invoice_receive(order=order, number="INV-9",
                                       received_on=date(2026, 4, 1), amount=1_000_000,
                                       actor=petugas_media)
    with pytest.raises(ValidationError):
        services.invoice_pay(invoice=invoice, sp2d_number="", sp2d_date=date(2026, 4, 20),
                             actor=petugas_media)
    invoice = services.invoice_pay(invoice=invoice, sp2d_number="00123/SP2D/2026",
                                   sp2d_date=date(2026, 4, 20), actor=petugas_media)
    assert invoice.age_days(date(2026, 12, 1)) == 19
    with pytest.raises(ValidationError):
        services.invoice_pay(invoice=invoice, sp2d_number="X", sp2d_date=date(2026, 4, 21),
                             actor=petugas_media)


def test_a_returned_invoice_frees_the_amount_for_a_corrected_one(client, order, petugas_media):
    invoice = services.invoice_receive(order=order, number="INV-1",
                                       received_on=date(2026, 4, 1), amount=2_000_000,
                                       actor=petugas_media)
    client.force_login(petugas_media)
    url = reverse("media_partnerships:order_action", args=[order.pk, "return_invoice"])
    client.post(url, {"invoice": invoice.pk, "reason": ""})
    invoice.refresh_from_db()
    assert invoice.status == "received"  # a return needs its reason
    client.post(url, {"invoice": invoice.pk, "reason": "NPWP pada tagihan salah"})
    invoice.refresh_from_db()
    assert invoice.status == "returned" and invoice.return_reason == "NPWP pada tagihan salah"
    services.invoice_receive(order=order, number="INV-1b", received_on=date(2026, 4, 5),
                             amount=2_000_000, actor=petugas_media)
