"""What the outlet does and hears beyond registering: it withdraws its application, it is
told (notification outbox, in Bahasa Indonesia, never with its private link) at each step
that concerns it, and a subscription is paid only for the copies the ledger received."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from balai.core.models import AuditEntry
from balai.media_partnerships import services
from balai.media_partnerships.errors import MediaTransitionError
from balai.media_partnerships.models import Application, Deliverable, MediaOutlet, Order
from balai.media_partnerships.redflags import red_flags
from balai.media_partnerships.tests import factories
from balai.media_partnerships.tests.factories import at
from balai.notifications.models import Outbox

pytestmark = pytest.mark.django_db
DAY = date(2026, 4, 6)


@pytest.fixture
def rnd():
    return factories.verification_round()


def portal(client, outlet, secret):
    url = reverse("media_partnerships:portal", args=[outlet.pk])
    client.get(url + f"?k={secret}")
    return url


def messages_to(outlet):
    return list(Outbox.objects.filter(recipient=outlet.email).order_by("id"))


def test_the_outlet_withdraws_its_own_application_with_a_reason(client, rnd):
    mine = factories.outlet("Warta Malang", secret="rahasia-saya")
    other = factories.outlet("Kabar Batu", secret="rahasia-lain", email="kabar@example.id")
    application = services.application_submit(outlet=mine, round=rnd, now=at(DAY))
    theirs = services.application_submit(outlet=other, round=rnd, now=at(DAY))
    url = portal(client, mine, "rahasia-saya")
    # Another outlet's application id, posted through this link, is not touched.
    client.post(url, {"form": "withdraw", "application": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.status == Application.Status.SUBMITTED
    response = client.post(url, {"form": "withdraw", "application": application.pk,
                                 "reason": "Kami belum siap."}, follow=True)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert application.withdrawn_reason == "Kami belum siap."
    assert "Kami belum siap." in response.content.decode()
    entry = AuditEntry.objects.get(action="media_partnerships.withdrawn")
    assert entry.data["reason"] == "Kami belum siap."
    [notice] = messages_to(mine)
    assert "ditarik" in notice.subject and "Kami belum siap." in notice.body_text


def test_a_decided_or_claimed_application_cannot_be_withdrawn(rnd, tim_verifikasi):
    outlet = factories.outlet()
    application = services.application_submit(outlet=outlet, round=rnd, now=at(DAY))
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    # A member is signing the decision: the outlet cannot pull the case from under it.
    Application.objects.filter(pk=application.pk).update(claimed_at=timezone.now())
    with pytest.raises(MediaTransitionError):
        services.application_withdraw(application=application)
    Application.objects.filter(pk=application.pk).update(claimed_at=None,
                                                         status=Application.Status.REFUSED,
                                                         decision_reasons="KBLI")
    with pytest.raises(ValidationError):
        services.application_withdraw(application=application)


def test_the_outlet_hears_of_each_step_of_its_verification(rnd, tim_verifikasi, signing,
                                                          settings):
    settings.LANGUAGE_CODE = "id"
    outlet = factories.outlet(secret="jangan-dikirim")
    application = services.application_submit(outlet=outlet, round=rnd, now=at(DAY))
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    services.application_return(application=application, note="Unggah akta terbaru.",
                                actor=tim_verifikasi)
    services.application_resubmit(application=application, now=at(DAY))
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    manual = application.items.get(requirement__kind="manual")
    services.application_item_score(item=manual, met=True, score=9, note="",
                                    actor=tim_verifikasi)
    services.application_decide(application=application, verified=True, tier="B",
                                actor=tim_verifikasi, now=at(DAY))
    notices = messages_to(outlet)
    subjects = [n.subject for n in notices]
    # Two reviews are two messages (the second after the corrections), not one deduplicated.
    assert len([s for s in subjects if "sedang diverifikasi" in s]) == 2
    assert any("dikembalikan" in s for s in subjects)
    assert any("terverifikasi" in s and "31 Desember 2026" in s for s in subjects)
    returned = next(n for n in notices if "dikembalikan" in n.subject)
    assert "Unggah akta terbaru." in returned.body_text
    for notice in notices:
        assert "jangan-dikirim" not in notice.body_text + notice.body_html
        assert notice.body_text.startswith("Yth. Redaksi Warta Malang")


@pytest.fixture
def card(petugas_media):
    return services.rate_card_save(year=2026, legal_basis="Perwal 12/2025", lines=[
        services.RateLine("online", "news", "A", 1_000_000),
        services.RateLine("print", "subscription", "A", 5_000)], actor=petugas_media)


def test_the_outlet_hears_of_its_agreement_and_invoice(petugas_media, agency_pupr, settings,
                                                       card, signing):
    settings.LANGUAGE_CODE = "id"
    outlet = factories.outlet(tier="A", verified_until=date(2026, 12, 31))
    order = services.order_create(data=factories.order_data(agency_pupr, outlet),
                                  actor=petugas_media)
    item = services.order_item_add(order=order, item_kind="news", description="Berita",
                                   quantity=1, unit_price=1_000_000, actor=petugas_media)
    order = services.order_contract(order=order, actor=petugas_media)
    [agreement] = messages_to(outlet)
    assert order.contract_letter.number.full_number in agreement.subject
    assert "Perjanjian" in agreement.subject and "1 Maret 2026" in agreement.body_text
    Deliverable.objects.create(item=item, kind="print", published_on=date(2026, 3, 2),
                               edition="1", copies_received=1, received_by="TU")
    invoice = services.invoice_receive(order=order, number="INV-7",
                                       received_on=date(2026, 5, 1), amount=1_000_000,
                                       actor=petugas_media)
    services.invoice_pay(invoice=invoice, sp2d_number="SP2D-0099",
                         sp2d_date=date(2026, 6, 7), actor=petugas_media)
    subjects = [n.subject for n in messages_to(outlet)]
    assert any("INV-7" in s and "diterima" in s for s in subjects)
    paid = next(n for n in messages_to(outlet) if "dibayar" in n.subject)
    assert "SP2D-0099" in paid.body_text and "37 hari" in paid.body_text


def test_the_registration_limit_is_a_setting(client, settings):
    settings.MEDIA_PARTNERSHIP_REGISTRATIONS_PER_HOUR = 0
    response = client.post(reverse("media_partnerships:register"), {"outlet-name": "X"})
    assert response.status_code == 400
    assert not MediaOutlet.objects.exists()


@pytest.fixture
def subscription(petugas_media, agency_pupr, card):
    outlet = factories.outlet("Harian Malang", media_type="print", tier="A",
                              verified_until=date(2026, 12, 31))
    order = factories.contracted_order(
        agency_pupr, outlet, actor=petugas_media, proven=False,
        items=[("subscription", "Langganan koran 100 eksemplar", 100, 5_000)])
    item = order.items.get()
    services.deliverable_print_record(item=item, edition="Edisi Maret",
                                      published_on=date(2026, 3, 31), copies_received=60,
                                      received_by="TU PUPR", actor=petugas_media)
    return order


def test_a_subscription_is_invoiced_only_for_the_copies_received(subscription, petugas_media):
    assert services.proven_amount(subscription) == 60 * 5_000
    with pytest.raises(ValidationError):
        services.invoice_receive(order=subscription, number="INV-KORAN",
                                 received_on=date(2026, 12, 1), amount=100 * 5_000,
                                 actor=petugas_media)


def test_copies_short_of_the_order_are_a_red_flag_once_the_order_ends(client, subscription,
                                                                     petugas_media):
    running = red_flags(Order.objects.all(), today=date(2026, 6, 1))
    assert not [f for f in running if f.kind == "short_delivery"]
    [flag] = [f for f in red_flags(Order.objects.all(), today=date(2026, 12, 15))
              if f.kind == "short_delivery"]
    assert (flag.order_code, flag.amount) == (subscription.code, 40 * 5_000)
    assert "60" in flag.detail and "100" in flag.detail
    client.force_login(petugas_media)
    page = client.get(reverse("media_partnerships:order", args=[subscription.pk]))
    assert "60" in page.content.decode()
    assert Deliverable.objects.count() == 1
