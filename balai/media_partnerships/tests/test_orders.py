"""Orders: only verified outlets, one rate card, a price above it only with an authorised
reason, the ceiling, the agreement letter, and who sees which orders."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.documents.models import IssuedDocument
from balai.media_partnerships import services
from balai.media_partnerships.models import Order
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(petugas_media):
    return services.rate_card_save(year=2026, legal_basis="Perwal Malang 12/2025", lines=[
        services.RateLine("online", "advertorial", "A", 2_000_000),
        services.RateLine("online", "news", "A", 1_000_000),
        services.RateLine("online", "advertorial", "B", 1_500_000)], actor=petugas_media)


@pytest.fixture
def verified_outlet():
    return factories.outlet("Warta Malang", tier="A", verified_until=date(2026, 12, 31))


@pytest.fixture
def order(card, verified_outlet, operator_opd, agency_pupr):
    return services.order_create(data=factories.order_data(agency_pupr, verified_outlet),
                                 actor=operator_opd)


def test_an_order_at_the_card_price_is_accepted(order, operator_opd):
    item = services.order_item_add(order=order, item_kind="advertorial",
                                   description="Advertorial pembangunan jembatan", quantity=2,
                                   unit_price=2_000_000, actor=operator_opd)
    assert item.card_price == 2_000_000 and not item.is_above_card
    assert order.code.startswith("MED-2026-")


def test_an_item_above_the_card_is_refused_without_a_reason(order, operator_opd):
    with pytest.raises(ValidationError) as exc:
        services.order_item_add(order=order, item_kind="advertorial", description="Iklan",
                                quantity=1, unit_price=4_995_000, actor=operator_opd)
    assert "unit_price" in exc.value.message_dict
    assert not order.items.exists()


def test_an_operator_may_not_authorise_a_price_above_the_card(order, operator_opd):
    with pytest.raises(ValidationError) as exc:
        services.order_item_add(order=order, item_kind="advertorial", description="Iklan",
                                quantity=1, unit_price=4_995_000,
                                above_card_reason="Liputan khusus", actor=operator_opd)
    assert "above_card_reason" in exc.value.message_dict


def test_the_head_of_the_ordering_agency_authorises_a_price_above_the_card_with_a_reason(
        order, kepala_pupr):
    item = services.order_item_add(order=order, item_kind="advertorial", description="Iklan",
                                   quantity=1, unit_price=2_500_000,
                                   above_card_reason="Liputan khusus dua halaman",
                                   actor=kepala_pupr)
    assert item.is_above_card and item.above_card_approved_by == kepala_pupr
    entry = AuditEntry.objects.get(action="media_partnerships.order_above_card")
    assert entry.data["reason"] == "Liputan khusus dua halaman"


def test_an_item_the_card_does_not_price_is_refused(order, operator_opd):
    with pytest.raises(ValidationError) as exc:
        services.order_item_add(order=order, item_kind="live_broadcast", description="Siaran",
                                quantity=1, unit_price=1, actor=operator_opd)
    assert "item_kind" in exc.value.message_dict


def test_the_ceiling_caps_the_items(order, operator_opd):
    with pytest.raises(ValidationError) as exc:
        services.order_item_add(order=order, item_kind="news", description="Berita",
                                quantity=11, unit_price=1_000_000, actor=operator_opd)
    assert "quantity" in exc.value.message_dict


def test_an_unverified_outlet_cannot_be_ordered_from(card, operator_opd, agency_pupr):
    outlet = factories.outlet("Belum Verif")
    with pytest.raises(ValidationError) as exc:
        services.order_create(data=factories.order_data(agency_pupr, outlet), actor=operator_opd)
    assert "outlet" in exc.value.message_dict


def test_an_operator_orders_only_for_their_own_agency(card, verified_outlet, operator_opd,
                                                     agency_dlh):
    with pytest.raises(ValidationError):
        services.order_create(data=factories.order_data(agency_dlh, verified_outlet),
                              actor=operator_opd)


def test_the_agreement_is_issued_as_a_media_contract_letter(order, operator_opd, signing):
    services.order_item_add(order=order, item_kind="news", description="Berita", quantity=3,
                            unit_price=1_000_000, actor=operator_opd)
    order = services.order_contract(order=order, actor=operator_opd)
    order.refresh_from_db()
    assert order.status == Order.Status.CONTRACTED
    assert order.contract_letter.kind == IssuedDocument.Kind.MEDIA_CONTRACT


def test_the_order_page_refuses_a_price_above_the_card_and_keeps_what_was_typed(
        client, order, operator_opd):
    client.force_login(operator_opd)
    url = reverse("media_partnerships:order_action", args=[order.pk, "add_item"])
    response = client.post(url, {"item_kind": "advertorial", "description": "Iklan khusus",
                                 "quantity": "1", "unit_price": "4995000"})
    assert response.status_code == 400
    assert "Iklan khusus" in response.content.decode()
    assert not order.items.exists()


def test_another_agency_cannot_see_the_order(client, order, operator_other_opd, petugas_media):
    client.force_login(operator_other_opd)
    assert client.get(reverse("media_partnerships:order", args=[order.pk])).status_code == 404
    assert order.code not in client.get(reverse("media_partnerships:orders")).content.decode()
    client.force_login(petugas_media)
    assert client.get(reverse("media_partnerships:order", args=[order.pk])).status_code == 200


def test_the_rate_card_is_public(client, card):
    response = client.get(reverse("media_partnerships:rate_card") + "?tahun=2026")
    assert "2.000.000" in response.content.decode() or "2,000,000" in response.content.decode()


def test_an_order_is_completed_only_when_every_item_is_proven(petugas_media, agency_pupr,
                                                              verified_outlet, card):
    order = factories.contracted_order(agency_pupr, verified_outlet, actor=petugas_media,
                                       proven=False)
    with pytest.raises(ValidationError):
        services.order_complete(order=order, actor=petugas_media)
    proven = factories.contracted_order(agency_pupr, verified_outlet, actor=petugas_media)
    assert services.order_complete(order=proven, actor=petugas_media).status == "completed"


def test_a_draft_order_is_cancelled_with_a_reason(order, operator_opd):
    with pytest.raises(ValidationError):
        services.order_cancel(order=order, reason="", actor=operator_opd)
    assert services.order_cancel(order=order, reason="Anggaran dialihkan",
                                 actor=operator_opd).status == "cancelled"


def test_the_workdesk_shows_the_media_officers_panels_with_counts(client, petugas_media,
                                                                  tim_verifikasi):
    rnd = factories.verification_round()
    services.application_submit(outlet=factories.outlet(), round=rnd,
                                now=factories.at(date(2026, 4, 6)))
    client.force_login(petugas_media)
    panels = {p["key"]: p for p in client.get(reverse("dashboard:workdesk")).context["panels"]}
    assert panels["media_verification"]["count"] == 1
    assert panels["media_flags"]["count"] == 0
    assert panels["media_orders"]["url"] == reverse("media_partnerships:orders")
    client.force_login(tim_verifikasi)
    keys = [p["key"] for p in client.get(reverse("dashboard:workdesk")).context["panels"]]
    assert keys == ["media_verification"]
