"""The rate card and the rounds are configured in the admin, and every change is audited."""

import pytest
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.media_partnerships.models import RateCard

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
