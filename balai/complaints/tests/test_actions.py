"""The complaints action catalogue: every audit code named once, with its label."""

import re
from pathlib import Path

from django.utils import translation

from balai.agencies.models import Agency
from balai.complaints import services
from balai.complaints.actions import ACTIONS
from balai.complaints.tests.test_services import submit
from balai.core.actions import action_for
from balai.notifications.models import Outbox
from balai.open311 import timeline

APP = Path(__file__).resolve().parent.parent
LOGGED = re.compile(r'log_action\(\s*[\w.]+,\s*"(complaints\.[a-z_]+)"')


def _recorded_codes() -> set[str]:
    return {code for path in APP.rglob("*.py") if "tests" not in path.parts
            for code in LOGGED.findall(path.read_text())}


def test_every_audit_code_the_complaints_app_records_is_catalogued():
    recorded = _recorded_codes()
    assert {"complaints.submitted", "complaints.returned", "complaints.sla_warned"} <= recorded
    assert recorded - {a.code for a in ACTIONS} == set()


def test_the_catalogue_is_registered_when_the_app_starts():
    assert action_for("complaints.answered") is ACTIONS["complaints.answered"]


def test_open311_notes_read_the_label_and_status_from_the_catalogue():
    with translation.override("id"):
        assert timeline.label("complaints.duplicate_merged") == (
            "Laporan lain tentang masalah yang sama digabungkan ke pengaduan ini")
    assert timeline.extended_status("complaints.answered") == "fixed"
    # An action that does not move the Open311 status leaves it "unchanged".
    assert timeline.extended_status("complaints.supported") == "unchanged"


def test_only_the_staff_side_actions_stay_off_the_public_timeline():
    private = {a.code for a in ACTIONS if not a.public}
    assert private == {"complaints.corrected", "complaints.duplicate_merged",
                       "complaints.returned", "complaints.sla_warned",
                       "complaints.sla_escalated", "complaints.exported",
                       "complaints.weekly_report_sent", "complaints.submitted_for_check",
                       "complaints.check_failed", "complaints.check_passed"}


def _told(before: int, *, complaint, verifikator, operator_opd) -> set[str]:
    """Who the messages queued since outbox row `before` went to."""
    kinds = {complaint.reporter_email: "reporter", complaint.reporter_phone: "reporter",
             verifikator.email: "desk", operator_opd.email: "agency"}
    return {kinds.get(r, r) for r in Outbox.objects.filter(pk__gt=before)
            .values_list("recipient", flat=True)}


def _last_outbox() -> int:
    return Outbox.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_catalogue_says_who_each_step_of_a_case_tells(cats, verifikator, operator_opd):
    verify = ("complaints.verified",
              lambda c: services.complaint_verify(complaint=c, actor=verifikator))
    accept = ("complaints.accepted",
              lambda c: services.complaint_accept(complaint=c, actor=operator_opd))
    answer = ("complaints.answered", lambda c: services.complaint_answer(
        complaint=c, text="Sudah ditambal.", actor=operator_opd))
    journeys = [
        [verify, accept,
         ("complaints.info_requested", lambda c: services.complaint_request_info(
             complaint=c, question="Di sisi mana?", actor=operator_opd)),
         ("complaints.reporter_replied", lambda c: services.complaint_reporter_reply(
             complaint=c, text="Sisi utara.")),
         answer,
         ("complaints.reopened", lambda c: services.complaint_reopen(
             complaint=c, reason="Masih berlubang."))],
        [verify, accept, answer,
         ("complaints.rated", lambda c: services.complaint_rate(complaint=c, rating=5))],
        [verify, ("complaints.returned", lambda c: services.complaint_return(
            complaint=c, reason="Bukan jalan kota.", actor=operator_opd))],
        [("complaints.archived", lambda c: services.complaint_archive(
            complaint=c, reason="incomplete", actor=verifikator))],
        [("complaints.forwarded", lambda c: services.complaint_forward(
            complaint=c, to_agency=Agency.objects.get(code="bbpjn-jatim"),
            actor=verifikator))],
    ]
    for journey in journeys:
        before = _last_outbox()
        complaint, _ = submit(cats, reporter_phone="")
        told = _told(before, complaint=complaint, verifikator=verifikator,
                     operator_opd=operator_opd)
        # Not an urgent category: the rapid-response team is not alerted.
        assert told == set(ACTIONS["complaints.submitted"].notifies) - {"rapid_response"}
        for code, step in journey:
            before = _last_outbox()
            step(complaint)
            told = _told(before, complaint=complaint, verifikator=verifikator,
                         operator_opd=operator_opd)
            assert told == set(ACTIONS[code].notifies), code
