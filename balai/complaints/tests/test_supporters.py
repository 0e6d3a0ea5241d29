"""Ikut melapor: supporters are checked at the door, confirmed by a link, counted once, and
a bad address can never stop a complaint from moving (issue 12)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from balai.complaints import services
from balai.complaints.models import Complaint, ComplaintSupporter
from balai.complaints.tests import factories
from balai.notifications.models import Outbox

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status


def submit(cats):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"]),
        now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    return complaint


def confirm_link_token(supporter_email: str) -> str:
    message = Outbox.objects.get(recipient=supporter_email, template="aduan_status")
    link = next(word for word in message.body_text.split() if "/konfirmasi/" in word)
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_a_supporter_with_a_bad_address_never_freezes_the_case(cats, verifikator,
                                                               operator_opd):
    """A row as the old door let it in: every transition that tells supporters goes on,
    and the message to that address is a failed outbox row."""
    complaint = submit(cats)
    ComplaintSupporter.objects.create(complaint=complaint, email="bukan email",
                                      confirmed_at=timezone.now())
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_request_info(complaint=complaint, question="Di sisi mana?",
                                    actor=operator_opd)
    services.complaint_reporter_reply(complaint=complaint, text="Sisi utara.")
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd)
    complaint.refresh_from_db()
    assert complaint.status == S.SELESAI
    failed = Outbox.objects.filter(recipient="bukan email")
    assert failed.count() >= 4
    assert set(failed.values_list("status", flat=True)) == {Outbox.Status.FAILED}


@pytest.mark.parametrize(("email", "phone", "field"), [
    ("bukan email", "", "email"), ("", "12ab", "phone"), ("", "", "email")])
def test_a_bad_contact_is_refused_at_the_door_with_the_field_named(cats, email, phone, field):
    complaint = submit(cats)
    with pytest.raises(ValidationError) as caught:
        services.complaint_support(complaint=complaint, email=email, phone=phone)
    assert field in caught.value.message_dict
    assert not ComplaintSupporter.objects.exists()


def test_the_same_address_supporting_twice_counts_once(cats):
    complaint = submit(cats)
    first = services.complaint_support(complaint=complaint, email="Ani@Example.id")
    again = services.complaint_support(complaint=complaint, email="ani@example.ID ")
    complaint.refresh_from_db()
    assert again.pk == first.pk and first.email == "ani@example.id"
    assert complaint.supporters_count == 1


def test_a_supporter_hears_nothing_but_the_link_until_confirming(cats, verifikator, client):
    complaint = submit(cats)
    services.complaint_support(complaint=complaint, email="ani@example.id")
    assert Outbox.objects.filter(recipient="ani@example.id").count() == 1  # the link only
    token = confirm_link_token("ani@example.id")

    services.complaint_verify(complaint=complaint, actor=verifikator)
    assert Outbox.objects.filter(recipient="ani@example.id").count() == 1

    response = client.get(f"/pengaduan/lacak/{complaint.code}/dukung/konfirmasi/{token}/",
                          follow=True)
    assert response.status_code == 200
    assert ComplaintSupporter.objects.get(email="ani@example.id").confirmed_at is not None
    services.complaint_archive(complaint=complaint, reason="out_of_scope", actor=verifikator)
    assert Outbox.objects.filter(recipient="ani@example.id").count() == 2


def test_a_wrong_confirmation_link_confirms_nothing(cats, client):
    complaint = submit(cats)
    services.complaint_support(complaint=complaint, email="ani@example.id")
    client.get(f"/pengaduan/lacak/{complaint.code}/dukung/konfirmasi/tebakan/")
    assert ComplaintSupporter.objects.get().confirmed_at is None


def test_the_support_form_names_a_bad_address_and_stores_nothing(cats, client):
    complaint = submit(cats)
    response = client.post(f"/pengaduan/lacak/{complaint.code}/dukung/",
                           {"name": "Ani", "email": "bukan email"})
    assert response.status_code == 400
    html = response.content.decode()
    # Said by the field (and in the summary that links to it), with what was typed kept.
    assert response.context["form"].errors["email"] == [
        "Isi alamat e-mail yang benar, misalnya nama@contoh.id."]
    assert 'href="#id_email"' in html and 'value="bukan email"' in html
    assert 'value="Ani"' in html
    assert not ComplaintSupporter.objects.exists()


def test_the_confirmation_page_is_for_the_reporters_browser_only(client, cats, operator_opd,
                                                                 verifikator):
    """Issue 23: any logged-in officer could open /pengaduan/terkirim/<code>/ of any case,
    a rahasia one included, and read its category, agency and due date."""
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], is_confidential=True),
        now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    url = f"/pengaduan/terkirim/{complaint.code}/"
    for officer in (operator_opd, verifikator):
        client.force_login(officer)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/pengaduan/lacak/{complaint.code}/"
