"""The rate card and the rounds changed in the admin are audited; an outlet (and so its
Press Council certificate) cannot be changed there, around its certificate history."""

import pytest
from django.contrib.admin import site as admin_site
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.media_partnerships.models import MediaOutlet, PressCouncilCertificate, RateCard
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db


def test_a_price_changed_in_the_admin_is_audited_with_who_and_what(client, admin):
    card = RateCard.objects.create(year=2026, legal_basis="Perwal 12/2025")
    client.force_login(admin)
    response = client.post(reverse("admin:media_partnerships_ratecard_change", args=[card.pk]), {
        "year": "2026", "legal_basis": "Perwal 12/2025",
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000", "items-0-media_type": "online",
        "items-0-item_kind": "news", "items-0-tier": "A", "items-0-unit": "per tayang",
        "items-0-price": "1000000"})
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get(action="media_partnerships.rate_card_saved")
    assert entry.actor == admin and len(entry.data["added"]) == 1


def test_the_admin_cannot_change_a_press_council_certificate_around_its_history(client,
                                                                               admin):
    outlet = factories.outlet()
    client.force_login(admin)
    url = reverse("admin:media_partnerships_mediaoutlet_change", args=[outlet.pk])
    page = client.get(url)
    assert page.status_code == 200  # the outlet and its certificate history, to read
    assert outlet.press_council_certificate in page.content.decode()
    response = client.post(url, {"name": outlet.name,
                                 "press_council_certificate": "999/DP/K/2026",
                                 "press_council_valid_until": "2031-01-01"})
    assert response.status_code == 403
    outlet.refresh_from_db()
    assert outlet.press_council_certificate == "1234/DP-Terverifikasi/K/III/2022"
    assert list(PressCouncilCertificate.objects.values_list("number", flat=True)) == [
        "1234/DP-Terverifikasi/K/III/2022"]
    assert client.get(reverse("admin:media_partnerships_mediaoutlet_add")).status_code == 403
    assert MediaOutlet.objects.count() == 1
    # The certificate rows themselves have no admin page of their own.
    assert not admin_site.is_registered(PressCouncilCertificate)
