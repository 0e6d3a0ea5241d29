"""The one "Lacak" box: whatever code a citizen has, it leads to the right page."""

import pytest
from django.urls import reverse

from balai.core.tracking import code_normalise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "canonical"), [
    ("ADU-2026-000123", "ADU-2026-000123"),
    ("  adu-2026-000123 ", "ADU-2026-000123"),
    ("adu 2026 123", "ADU-2026-000123"),  # read out over the phone
    ("PPID/2026/45", "PPID-2026-000045"),
    ("ppid-2026-000045", "PPID-2026-000045"),
    ("bukan kode", "BUKAN KODE"),  # left as typed, then reported as not found
])
def test_codes_are_written_the_canonical_way(typed, canonical):
    assert code_normalise(typed) == canonical


def test_a_ppid_number_typed_loosely_leads_to_its_tracking_page(client):
    from balai.ppid.tests import factories

    req = factories.request()
    year, number = req.code.split("-")[1:]
    response = client.get(reverse("core:track"), {"code": f"ppid {year} {int(number)}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("ppid:track_detail",
                                           args=[req.code])


def test_an_unknown_code_is_explained_and_kept_in_the_box(client):
    html = client.get(reverse("core:track"), {"code": "adu-2026-999999"}).content.decode()
    assert "Tidak ada pengaduan atau permohonan dengan kode ADU-2026-999999" in html
    assert 'value="ADU-2026-999999"' in html
    html = client.get(reverse("core:track"), {"code": "PPID-2026-999999"}).content.decode()
    assert "Tidak ada pengaduan atau permohonan dengan kode PPID-2026-999999" in html


def test_an_empty_box_asks_for_the_code(client):
    html = client.get(reverse("core:track"), {"code": " "}).content.decode()
    assert "Masukkan kode yang Anda terima." in html


def test_the_old_service_addresses_lead_to_the_one_box(client):
    for name in ("complaints:track", "ppid:track"):
        response = client.get(reverse(name), {"code": "ADU-2026-000001"})
        assert response.status_code == 302
        assert response["Location"] == reverse("core:track") + "?code=ADU-2026-000001"


def test_home_and_navigation_point_to_the_one_box(client):
    html = client.get("/").content.decode()
    assert html.count(f'href="{reverse("core:track")}"') >= 2  # the menu and the card
