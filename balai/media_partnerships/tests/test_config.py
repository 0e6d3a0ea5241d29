"""The media officer's pages for verification rounds, their checklists and the rate card:
only the officer may use them, every refusal says how to fix it in Indonesian, nothing
typed is lost, and every change is audited."""

from datetime import date

import pytest
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.media_partnerships import services
from balai.media_partnerships.models import RateCard, RateItem, Requirement, VerificationRound
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db

ROUND = {"name": "Verifikasi media 2027", "year": "2027",
         "legal_basis": "Peraturan Wali Kota Malang Nomor 12 Tahun 2025",
         "opens_on": "2027-01-04", "closes_on": "2027-01-29", "valid_until": "2027-12-31"}


@pytest.fixture
def rnd():
    return factories.verification_round()


def urls(rnd, card):
    requirement = rnd.requirements.first()
    return [("get", reverse("media_partnerships:rounds")),
            ("post", reverse("media_partnerships:rounds")),
            ("get", reverse("media_partnerships:round", args=[rnd.pk])),
            ("post", reverse("media_partnerships:requirement_add", args=[rnd.pk])),
            ("get", reverse("media_partnerships:requirement", args=[rnd.pk, requirement.pk])),
            ("post", reverse("media_partnerships:requirement_remove",
                             args=[rnd.pk, requirement.pk])),
            ("get", reverse("media_partnerships:rate_cards")),
            ("get", reverse("media_partnerships:rate_card_edit", args=[card.year])),
            ("post", reverse("media_partnerships:rate_line", args=[card.year]))]


@pytest.mark.parametrize("persona", ["tim_verifikasi", "operator_opd", "kepala_pupr",
                                     "kepala_dinas", "warga"])
def test_only_the_media_officer_may_configure(client, rnd, persona, request):
    card = RateCard.objects.create(year=2027, legal_basis="Perwal 12/2025")
    client.force_login(request.getfixturevalue(persona))
    for method, url in urls(rnd, card):
        assert getattr(client, method)(url).status_code == 403, url
    assert rnd.requirements.count() == Requirement.objects.count() > 0
    assert not AuditEntry.objects.filter(action__startswith="media_partnerships.r").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, rnd):
    response = client.get(reverse("media_partnerships:rounds"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_officer_opens_a_round_and_it_is_audited(client, petugas_media):
    client.force_login(petugas_media)
    assert "Belum ada putaran verifikasi" in client.get(
        reverse("media_partnerships:rounds")).content.decode()
    response = client.post(reverse("media_partnerships:rounds"), ROUND)
    made = VerificationRound.objects.get(name="Verifikasi media 2027")
    assert response["Location"] == reverse("media_partnerships:round", args=[made.pk])
    assert made.valid_until == date(2027, 12, 31)
    entry = AuditEntry.objects.get(action="media_partnerships.round_saved")
    assert entry.actor == petugas_media and entry.data["via"] == "staff"


def test_a_round_with_dates_out_of_order_is_refused_and_nothing_typed_is_lost(
        client, petugas_media):
    client.force_login(petugas_media)
    response = client.post(reverse("media_partnerships:rounds"),
                           {**ROUND, "closes_on": "2026-12-01", "legal_basis": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sebutkan Perbup atau Perwal" in page
    assert "Verifikasi media 2027" in page  # what was typed comes back
    assert not VerificationRound.objects.exists()
    response = client.post(reverse("media_partnerships:rounds"),
                           {**ROUND, "closes_on": "2026-12-01"})
    assert "Pendaftaran harus ditutup pada atau setelah" in response.content.decode()
    assert not VerificationRound.objects.exists()


def test_the_checklist_is_data_the_officer_adds_changes_and_removes(client, petugas_media,
                                                                    rnd):
    client.force_login(petugas_media)
    before = rnd.requirements.count()
    response = client.post(reverse("media_partnerships:requirement_add", args=[rnd.pk]), {
        "kind": "kbli", "value": "63122, 58130", "label": "KBLI pers dalam akta",
        "max_score": "10", "order": "70"})
    assert response.status_code == 302
    added = rnd.requirements.get(label="KBLI pers dalam akta")
    assert added.value == "63122, 58130"
    client.post(reverse("media_partnerships:requirement", args=[rnd.pk, added.pk]), {
        "kind": "months_output", "value": "12", "label": "Terbit minimal 12 bulan",
        "max_score": "5", "order": "70"})
    added.refresh_from_db()
    assert (added.kind, added.value, added.max_score) == ("months_output", "12", 5)
    client.post(reverse("media_partnerships:requirement_remove", args=[rnd.pk, added.pk]))
    assert rnd.requirements.count() == before
    entries = AuditEntry.objects.filter(action="media_partnerships.round_saved")
    assert [sorted(set(e.data) & {"added", "changed", "deleted"}) for e in entries] == [
        ["added"], ["changed"], ["deleted"]]
    # An outlet's application under the new rule judges it automatically.
    application = services.application_submit(outlet=factories.outlet(), round=rnd,
                                              now=factories.at(date(2026, 1, 10)))
    assert application.items.count() == before


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("kbli", "6312", "lima digit"),
    ("document", "", "Pilih dokumen yang wajib"),
    ("chief_editor_ukw", "senior", "muda"),
    ("months_output", "dua belas", "jumlah bulan"),
    ("press_council", "lengkap", "factual"),
])
def test_a_parameter_the_check_cannot_read_is_refused_in_indonesian(client, petugas_media, rnd,
                                                                    kind, value, message):
    client.force_login(petugas_media)
    before = rnd.requirements.count()
    response = client.post(reverse("media_partnerships:requirement_add", args=[rnd.pk]), {
        "kind": kind, "value": value, "label": "Syarat baru", "max_score": "10",
        "order": "70"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Syarat baru"' in response.content.decode()
    assert rnd.requirements.count() == before


def test_the_checklist_is_fixed_once_an_outlet_applied(client, petugas_media, rnd):
    services.application_submit(outlet=factories.outlet(), round=rnd,
                                now=factories.at(date(2026, 1, 10)))
    requirement = rnd.requirements.first()
    client.force_login(petugas_media)
    page = client.get(reverse("media_partnerships:round", args=[rnd.pk])).content.decode()
    assert 'id="checklist-fixed"' in page and 'id="requirement-form"' not in page
    response = client.post(reverse("media_partnerships:requirement_add", args=[rnd.pk]), {
        "kind": "manual", "value": "", "label": "Syarat baru", "max_score": "10",
        "order": "70"})
    assert response.status_code == 400 and "Buka putaran baru" in response.content.decode()
    client.post(reverse("media_partnerships:requirement_remove", args=[rnd.pk, requirement.pk]))
    assert Requirement.objects.filter(pk=requirement.pk).exists()


def test_the_officer_sets_the_years_rate_card_and_each_price_change_is_audited(
        client, petugas_media):
    client.force_login(petugas_media)
    response = client.post(reverse("media_partnerships:rate_cards"),
                           {"year": "2027", "legal_basis": "Perwal 3/2026"})
    assert response["Location"] == reverse("media_partnerships:rate_card_edit", args=[2027])
    line = {"media_type": "online", "item_kind": "news", "tier": "A", "unit": "per tayang",
            "price": "1500000"}
    client.post(reverse("media_partnerships:rate_line", args=[2027]), line)
    client.post(reverse("media_partnerships:rate_line", args=[2027]), {**line,
                                                                       "price": "1250000"})
    assert list(RateItem.objects.values_list("price", flat=True)) == [1_250_000]
    last = AuditEntry.objects.filter(action="media_partnerships.rate_card_saved").last()
    assert last.actor == petugas_media
    assert last.data["prices"] == [{"media_type": "online", "item_kind": "news", "tier": "A",
                                    "price": 1_250_000, "was": 1_500_000}]
    assert services.card_price(year=2027, media_type="online", item_kind="news",
                               tier="A") == 1_250_000
    page = client.get(reverse("media_partnerships:rate_card_edit", args=[2027]))
    text = page.content.decode().replace(",", ".")
    assert "Rp1.250.000" in text
    assert "(sebelumnya Rp1.500.000)" in text  # the history names the price it replaced


def test_a_second_card_for_a_year_and_a_price_of_nothing_are_refused(client, petugas_media):
    RateCard.objects.create(year=2027, legal_basis="Perwal 3/2026")
    client.force_login(petugas_media)
    response = client.post(reverse("media_partnerships:rate_cards"),
                           {"year": "2027", "legal_basis": "Perwal lain"})
    assert response.status_code == 400
    assert "Sudah ada standar harga untuk tahun ini" in response.content.decode()
    response = client.post(reverse("media_partnerships:rate_line", args=[2027]), {
        "media_type": "online", "item_kind": "news", "tier": "A", "unit": "per tayang",
        "price": "0"})
    assert response.status_code == 400
    assert "Harga sekurang-kurangnya Rp1" in response.content.decode()
    assert not RateItem.objects.exists()
