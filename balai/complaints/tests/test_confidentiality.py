"""Privacy by default: a category may make every report rahasia; a change of
confidentiality is the desk's, with a reason, audited and shown to the reporter."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests.test_services import submit
from balai.core.audit import audit_trail
from balai.notifications.models import Outbox


def test_a_category_about_persons_is_rahasia_whatever_the_reporter_ticked(cats):
    cats["sampah"].default_confidential = True
    cats["sampah"].save()
    complaint, _ = submit(cats, key="sampah", is_confidential=False)
    assert complaint.is_confidential
    entry = audit_trail(complaint).get()
    assert entry.data["confidential"] and entry.data["confidential_by_category"]
    assert not Complaint.objects.public().filter(pk=complaint.pk).exists()
    other, _ = submit(cats, key="jalan")
    assert not other.is_confidential


def test_the_desk_changes_confidentiality_with_a_reason_audited_and_told_to_the_reporter(
        cats, verifikator, client):
    complaint, secret = submit(cats)
    with pytest.raises(ValidationError):
        services.complaint_set_confidential(complaint=complaint, confidential=True,
                                            reason=" ", actor=verifikator)
    services.complaint_set_confidential(complaint=complaint, confidential=True,
                                        reason="Menyebut nama orang.", actor=verifikator)
    complaint.refresh_from_db()
    assert complaint.is_confidential
    entry = list(audit_trail(complaint, public_only=True))[-1]
    assert entry.action == "complaints.confidentiality_changed" and entry.actor == verifikator
    assert entry.data == {"confidential": True, "reason": "Menyebut nama orang."}
    told = Outbox.objects.get(recipient="siti@example.id",
                              dedupe_key__contains=":confidential:")
    assert "rahasia" in told.body_text and "Menyebut nama orang." in told.body_text
    # The reporter sees the step on their page; the public sees nothing of the case.
    page = client.get(f"/pengaduan/lacak/{complaint.code}/?k={secret}").content.decode()
    assert "Kerahasiaan aduan diubah" in page
    assert Client().get(f"/pengaduan/lacak/{complaint.code}/").status_code == 404
    with pytest.raises(ValidationError):
        services.complaint_set_confidential(complaint=complaint, confidential=True,
                                            reason="Lagi.", actor=verifikator)


def test_only_the_desk_may_change_it_from_the_staff_page(cats, verifikator, operator_opd,
                                                        client, verified_login):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    verified_login(client, operator_opd)
    denied = client.post(f"/pengaduan/staf/{complaint.pk}/confidentiality/",
                         {"confidentiality-is_confidential": "1",
                          "confidentiality-reason": "x"})
    assert denied.status_code == 403
    verified_login(client, verifikator)
    empty = client.post(f"/pengaduan/staf/{complaint.pk}/confidentiality/",
                        {"confidentiality-is_confidential": "1"})
    assert empty.status_code == 400
    done = client.post(f"/pengaduan/staf/{complaint.pk}/confidentiality/",
                       {"confidentiality-is_confidential": "1",
                        "confidentiality-reason": "Menyangkut pribadi."})
    assert done.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).is_confidential
