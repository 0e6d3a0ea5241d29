"""The second check through the REST API (issue 20): an agency's answer in a category with
a checking unit waits for that unit, which passes or fails it with its own token, as on the
staff pages."""

import pytest

from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests.test_second_check import checking_unit, in_progress
from balai.notifications.models import Outbox

pytestmark = pytest.mark.django_db
S = Complaint.Status


def url(complaint, action=""):
    return f"/api/v1/complaints/{complaint.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def inspector(cats):
    return checking_unit(cats)


def test_an_answer_given_through_the_api_waits_for_the_check_and_passes_there(
        cats, verifikator, operator_opd, inspector, token_for):
    complaint = in_progress(cats, verifikator, operator_opd)
    agency = token_for(operator_opd)
    answered = agency.post(url(complaint, "answer"),
                           {"text": "Lubang sudah ditambal aspal dingin."}, format="json")
    assert answered.status_code == 200, answered.content
    body = answered.json()
    assert body["status"] == S.DIPROSES and body["answer"] == ""
    assert body["pending_answer"] == "Lubang sudah ditambal aspal dingin."
    assert body["check_requested_at"] and "answer" not in body["actions"]
    # The agency cannot pass its own answer.
    assert agency.post(url(complaint, "check-pass"), {}, format="json").status_code == 403

    checker = token_for(inspector)
    seen = checker.get(url(complaint)).json()
    assert seen["pending_answer"] == "Lubang sudah ditambal aspal dingin."
    assert seen["reporter"] is None and seen["reporter_hidden"] is True
    assert {"check-pass", "check-fail"} <= set(seen["actions"])
    assert "answer" not in seen["actions"]
    assert any(c["id"] == complaint.pk for c in checker.get("/api/v1/complaints/").json()[
        "results"])

    passed = checker.post(url(complaint, "check-pass"), {}, format="json")
    assert passed.status_code == 200, passed.content
    assert passed.json() == {"id": complaint.pk, "code": complaint.code,
                             "status": S.SELESAI, "status_label": "Selesai"}
    complaint.refresh_from_db()
    assert complaint.answer == "Lubang sudah ditambal aspal dingin."
    assert complaint.answered_at is not None and complaint.check_requested_at is None
    assert Outbox.objects.filter(recipient="siti@example.id",
                                 dedupe_key__contains=":answered:").exists()
    # Checked, the case is no longer the unit's to see.
    assert checker.get(url(complaint)).status_code == 404


def test_a_failed_check_needs_its_note_and_sends_the_case_back(
        cats, verifikator, operator_opd, operator_other_opd, inspector, token_for):
    complaint = in_progress(cats, verifikator, operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditangani.", actor=operator_opd)
    # Another agency neither sees the case nor checks it.
    assert token_for(operator_other_opd).post(url(complaint, "check-fail"), {"text": "x"},
                                              format="json").status_code == 404
    checker = token_for(inspector)
    refused = checker.post(url(complaint, "check-fail"), {"text": "  "}, format="json")
    assert refused.status_code == 400
    assert "diperbaiki" in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.check_requested_at is not None  # nothing changed
    failed = checker.post(url(complaint, "check-fail"),
                          {"text": "Tidak ada foto bukti penambalan."}, format="json")
    assert failed.status_code == 200 and failed.json()["status"] == S.DIPROSES
    complaint.refresh_from_db()
    assert complaint.check_requested_at is None and complaint.answer == ""
    assert Outbox.objects.filter(recipient="operator.pupr@example.id",
                                 dedupe_key__contains=":check_failed:").exists()
    # The agency may answer again (through the API), and it waits for the check again.
    again = token_for(operator_opd).post(url(complaint, "answer"),
                                         {"text": "Sudah ditambal, foto terlampir."},
                                         format="json")
    assert again.status_code == 200 and again.json()["pending_answer"].startswith("Sudah")
