"""POST servicerequestupdates: a partner installation sends back, on a request it forwarded
here, its citizen's rating, "sudah beres?" answer or a note; nobody else may."""

import pytest

from balai.agencies.models import Agency
from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage, FixedCheck
from balai.core.models import AuditEntry
from balai.open311.models import PartnerUpdate
from balai.open311.services import api_client_issue
from balai.open311.tests.test_write import errors_of, form, post

pytestmark = pytest.mark.django_db
URL = "/open311/v2/servicerequestupdates"


@pytest.fixture
def partner_key(db, admin):
    """The key the city's balai forwards with: its ApiClient names the partner."""
    kota = Agency.objects.create(code="pemkot-malang", name="Pemerintah Kota Malang",
                                 is_external=True, level=Agency.Level.KOTA)
    client, key = api_client_issue(name="Balai Kota Malang", actor=admin)
    client.partner = kota
    client.save(update_fields=["partner"])
    return key


@pytest.fixture
def forwarded(client, cats, partner_key, verifikator, operator_opd):
    """A request the partner forwarded here (POST requests.json with its key), verified
    and taken into work by our agency."""
    def make(answered=False):
        data = form(partner_key, **{"attribute[balai_reference]": "ADU-2026-000777",
                                    "email": "desk@kota.example", "first_name": None,
                                    "last_name": None, "phone": None})
        code = post(client, **data).json()[0]["service_request_id"]
        c = Complaint.objects.get(code=code)
        c = complaint_services.complaint_verify(complaint=c, actor=verifikator)
        c = complaint_services.complaint_accept(complaint=c, actor=operator_opd)
        if answered:
            c = complaint_services.complaint_answer(complaint=c, text="Sudah ditambal.",
                                                    actor=operator_opd)
        return c
    return make


def update(client, key, complaint, fmt="json", **extra):
    data = {"api_key": key, "service_request_id": complaint.code, "update_id": "upd-1",
            "updated_datetime": "2026-12-04T09:00:00+07:00", "status": "open", **extra}
    return client.post(f"{URL}.{fmt}", data)


def test_the_partners_rating_closes_the_case_once_however_often_it_is_sent(
        client, partner_key, forwarded):
    complaint = forwarded(answered=True)
    sent = {"attribute[balai_rating]": "4", "description": "Warga puas, terima kasih.",
            "status": "closed"}
    first = update(client, partner_key, complaint, **sent)
    assert first.status_code == 200, first.content
    [item] = first.json()
    assert item["service_request_id"] == complaint.code
    again = update(client, partner_key, complaint, **sent)  # a retry after a timeout
    assert again.status_code == 200 and again.json() == first.json()

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DITUTUP and complaint.rating == 4
    assert complaint.rating_comment == "Pemerintah Kota Malang: Warga puas, terima kasih."
    assert AuditEntry.objects.filter(action="complaints.rated",
                                     object_id=str(complaint.pk)).count() == 1
    received = AuditEntry.objects.get(action="open311.update_received",
                                      object_id=str(complaint.pk))
    assert received.data["partner"] == "pemkot-malang" and not received.public
    assert PartnerUpdate.objects.get().rating == 4


def test_a_note_lands_on_the_public_timeline_naming_the_partner_once(
        client, partner_key, forwarded):
    complaint = forwarded()
    for _attempt in range(2):
        response = update(client, partner_key, complaint, fmt="xml",
                          description="Pelapor menambahkan: lubang makin lebar.")
        assert response.status_code == 200, response.content
        assert b"<request_update><update_id>" in response.content
    [note] = ComplaintMessage.objects.filter(complaint=complaint, is_public=True,
                                             kind=ComplaintMessage.Kind.REPORTER_REPLY)
    assert note.text == "Pemerintah Kota Malang: Pelapor menambahkan: lubang makin lebar."
    page = client.get(f"/pengaduan/lacak/{complaint.code}/").content.decode()
    assert "Pemerintah Kota Malang: Pelapor menambahkan: lubang makin lebar." in page


def test_the_partners_not_fixed_answer_reopens_the_case_to_our_agency(
        client, partner_key, forwarded):
    complaint = forwarded(answered=True)
    assert update(client, partner_key, complaint, **{"attribute[balai_rating]": "5"}
                  ).status_code == 200
    assert FixedCheck.objects.filter(complaint=complaint, answered_at=None).exists()
    refused = update(client, partner_key, complaint, update_id="upd-2",
                     **{"attribute[balai_fixed]": "no"})
    assert refused.status_code == 400  # "belum" needs the citizen's words
    response = update(client, partner_key, complaint, update_id="upd-2",
                      description="Lubang muncul lagi setelah hujan.",
                      **{"attribute[balai_fixed]": "no"})
    assert response.status_code == 200, response.content
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DIPROSES
    check = FixedCheck.objects.get(complaint=complaint)
    assert check.answer == FixedCheck.Answer.NOT_FIXED
    assert check.note == "Pemerintah Kota Malang: Lubang muncul lagi setelah hujan."


def test_other_keys_get_403_and_an_unknown_request_404(client, cats, api_key, partner_key,
                                                       forwarded, admin, submit):
    complaint = forwarded(answered=True)
    # A key without a partner (a citizens' app) may not post updates.
    response = update(client, api_key, complaint, **{"attribute[balai_rating]": "1"})
    assert response.status_code == 403
    assert "instalasi mitra" in errors_of(response)[0]["description"]
    # A partner's key, on a request another client sent: 403 too.
    other = Agency.objects.create(code="pemkab-malang", name="Pemerintah Kabupaten Malang",
                                  is_external=True, level=Agency.Level.KOTA)
    other_client, other_key = api_client_issue(name="Balai Kabupaten Malang", actor=admin)
    other_client.partner = other
    other_client.save(update_fields=["partner"])
    response = update(client, other_key, complaint, **{"attribute[balai_rating]": "1"})
    assert response.status_code == 403
    assert errors_of(response)[0]["code"] == "403"
    # Not a request that came through Open311 at all (the web form): 403.
    web = submit("jalan")
    assert update(client, partner_key, web, description="x").status_code == 403
    # Unknown id: 404; bad key: 403.
    web.code = "ADU-2026-999999"
    assert update(client, partner_key, web, description="x").status_code == 404
    assert update(client, "no-such-key", complaint, description="x").status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.SELESAI and complaint.rating is None
    assert not PartnerUpdate.objects.exists()


@pytest.mark.parametrize(("extra", "says"), [
    ({"attribute[balai_rating]": "6"}, "balai_rating"),
    ({"attribute[balai_fixed]": "maybe"}, "balai_fixed"),
    ({"update_id": ""}, "update_id"),
    ({}, "description"),
])
def test_malformed_updates_are_400_and_change_nothing(client, partner_key, forwarded,
                                                      extra, says):
    complaint = forwarded(answered=True)
    response = update(client, partner_key, complaint, **extra)
    assert response.status_code == 400
    assert says in errors_of(response)[0]["description"]
    assert not PartnerUpdate.objects.exists()


def test_a_rating_before_the_answer_is_refused_and_not_kept(client, partner_key, forwarded):
    complaint = forwarded()  # in work, not answered yet: nothing to rate
    response = update(client, partner_key, complaint, **{"attribute[balai_rating]": "3"})
    assert response.status_code == 400
    assert not PartnerUpdate.objects.exists()
    # The same update_id may be sent again once it can land.
    assert update(client, partner_key, complaint, description="Masih menunggu."
                  ).status_code == 200
