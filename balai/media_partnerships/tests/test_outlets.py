"""Registration through the public form, the private link, and who sees an outlet's papers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from balai.core.models import AuditEntry
from balai.media_partnerships.models import MediaOutlet, OutletDocument
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "JPEG")
    return out.getvalue()


def form_data(**changes):
    data = {
        "name": "Suara Arema", "company_name": "PT Suara Arema Media", "media_type": "online",
        "legal_form": "pt", "deed_number": "45", "deed_date": "01/02/2020",
        "nib": "9120009876543", "npwp": "012345678901234", "kbli": "63122",
        "press_council_status": "factual",
        "press_council_certificate": "555/DP-Terverifikasi/K/2023",
        "press_council_valid_until": "30/06/2028", "first_published_on": "01/03/2020",
        "address": "Jl. Soekarno-Hatta 5, Malang", "has_local_office": "on",
        "email": "redaksi@suaraarema.example", "phone": "0341555666", "bank_name": "BRI",
        "bank_account_number": "123456789", "bank_account_name": "PT Suara Arema Media",
        "chief_name": "Dian Prasetya", "chief_ukw_level": "utama",
        "chief_ukw_certificate": "UKW-UT-2019-77", "chief_ukw_valid_until": "31/12/2028",
        "idempotency_key": "k1"}
    data.update(changes)
    return data


def post_registration(client, **changes):
    data = form_data(**changes)
    data["deed"] = SimpleUploadedFile("akta.pdf", PDF, content_type="application/pdf")
    data["office_photo"] = SimpleUploadedFile("kantor.jpg", jpeg(), content_type="image/jpeg")
    return client.post(reverse("media_partnerships:register"), data)


def test_an_outlet_registers_and_its_papers_are_stored_privately(client, settings):
    response = post_registration(client)
    assert response.status_code == 302
    outlet = MediaOutlet.objects.get(name="Suara Arema")
    assert outlet.journalists.get().is_chief_editor
    papers = {d.kind: d for d in outlet.documents.all()}
    assert set(papers) == {"deed", "office_photo"}
    path = papers["deed"].file.path
    assert path.startswith(settings.MEDIA_PARTNERSHIP_PRIVATE_ROOT)
    assert not path.startswith(str(settings.MEDIA_ROOT))
    # The photo was re-encoded (a JPEG we made), the deed kept as sent.
    assert papers["office_photo"].content_type == "image/jpeg"
    page = client.get(response["Location"])
    assert "private-link" in page.content.decode()
    assert AuditEntry.objects.filter(action="media_partnerships.outlet_registered").exists()


def test_a_retried_registration_creates_one_outlet(client):
    post_registration(client)
    post_registration(client)
    assert MediaOutlet.objects.count() == 1


def test_a_factual_status_without_certificate_is_refused_with_the_fields_kept(client):
    response = post_registration(client, press_council_certificate="",
                                 press_council_valid_until="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Suara Arema" in body and "id_press_council_certificate" in body
    assert not MediaOutlet.objects.exists()


def test_a_paper_that_is_not_a_pdf_or_photo_is_refused(client):
    data = form_data()
    data["deed"] = SimpleUploadedFile("akta.pdf", b"<html>not a pdf</html>")
    response = client.post(reverse("media_partnerships:register"), data)
    assert response.status_code == 400
    assert not MediaOutlet.objects.exists()


def test_the_private_link_opens_the_outlets_own_page_only(client):
    mine = factories.outlet("Warta Malang", secret="rahasia-saya")
    other = factories.outlet("Kabar Batu", secret="rahasia-lain")
    response = client.get(reverse("media_partnerships:portal", args=[mine.pk]) + "?k=rahasia-saya",
                          follow=True)
    assert response.status_code == 200
    assert "Warta Malang" in response.content.decode()
    assert "Kabar Batu" not in response.content.decode()
    # The same key does not open another outlet; a wrong key answers 404 like a wrong id.
    url = reverse("media_partnerships:portal", args=[other.pk]) + "?k=rahasia-saya"
    assert client.get(url).status_code == 404
    assert client.get(reverse("media_partnerships:portal", args=[mine.pk]) + "?k=salah"
                      ).status_code == 404


def test_the_outlet_keeps_its_data_current_through_its_link(client):
    outlet = factories.outlet(secret="kunci")
    url = reverse("media_partnerships:portal", args=[outlet.pk])
    client.get(url + "?k=kunci")
    data = {f"outlet-{k}": v for k, v in form_data().items()}
    data.update({"form": "outlet", "outlet-name": outlet.name, "outlet-kbli": "63122, 58130"})
    assert client.post(url, data).status_code == 302
    outlet.refresh_from_db()
    assert outlet.kbli == "63122, 58130"
    entry = AuditEntry.objects.get(action="media_partnerships.outlet_updated")
    assert "kbli" in entry.data["fields"] and entry.public


def test_the_outlet_adds_a_journalist_and_a_new_chief_editor_replaces_the_old(client):
    outlet = factories.outlet(secret="kunci")
    url = reverse("media_partnerships:portal", args=[outlet.pk])
    client.get(url + "?k=kunci")
    response = client.post(url, {"form": "journalist", "journalist-name": "Sari",
                                 "journalist-is_chief_editor": "on",
                                 "journalist-ukw_level": "utama",
                                 "journalist-ukw_certificate": "UKW-9"})
    assert response.status_code == 302
    assert outlet.journalists.get(is_chief_editor=True).name == "Sari"


def test_papers_open_for_the_team_with_an_audit_and_never_for_an_opd(
        client, tim_verifikasi, operator_opd):
    outlet = factories.outlet()
    doc = OutletDocument.objects.filter(outlet=outlet).first()
    doc.file.save("akta.pdf", io.BytesIO(PDF), save=True)
    url = reverse("media_partnerships:document", args=[outlet.pk, doc.pk])
    client.force_login(operator_opd)
    assert client.get(url).status_code == 403
    client.force_login(tim_verifikasi)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="media_partnerships.document_viewed").exists()


def test_the_officer_issues_a_new_link_and_the_old_one_stops_working(client, petugas_media,
                                                                     tim_verifikasi):
    outlet = factories.outlet(secret="lama")
    url = reverse("media_partnerships:link_reset", args=[outlet.pk])
    client.force_login(tim_verifikasi)
    assert client.post(url).status_code == 403
    client.force_login(petugas_media)
    response = client.post(url)
    new_link = response.context["link"]
    client.logout()
    portal = reverse("media_partnerships:portal", args=[outlet.pk])
    assert client.get(portal + "?k=lama").status_code == 404
    assert client.get(new_link).status_code == 302  # accepted, then the key leaves the URL


@pytest.mark.parametrize("name", ["outlets", "applications", "orders"])
def test_staff_lists_take_a_fixed_number_of_queries(client, petugas_media, name,
                                                    django_assert_max_num_queries):
    from balai.media_partnerships import services  # noqa: PLC0415

    rnd = factories.verification_round()
    for n in range(6):
        services.application_submit(outlet=factories.outlet(f"Media {n}"), round=rnd,
                                    now=factories.at(factories.date(2026, 4, 6)))
    client.force_login(petugas_media)
    client.get(reverse(f"media_partnerships:{name}"))  # warm the session and caches
    with django_assert_max_num_queries(8):
        assert client.get(reverse(f"media_partnerships:{name}")).status_code == 200
