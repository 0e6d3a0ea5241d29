"""The complaints action catalogue: every audit code named once, with its label."""

import re
from pathlib import Path

from django.utils import translation

from balai.complaints.actions import ACTIONS
from balai.core.actions import action_for
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
                       "complaints.sla_escalated", "complaints.exported"}
