"""The PPID action catalogue: every audit code named once, with its label."""

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from balai.core.actions import action_for
from balai.ppid.actions import ACTIONS

APP = Path(__file__).resolve().parent.parent
LOGGED = re.compile(r'"(ppid\.[a-z_]+)"')
CALLS = re.compile(r"log_action\((?:[^()]|\([^()]*\))*\)", re.S)


def _recorded_codes() -> set[str]:
    return {code for path in APP.rglob("*.py") if "tests" not in path.parts
            for call in CALLS.findall(path.read_text())
            for code in LOGGED.findall(call)}


def test_every_audit_code_the_ppid_app_records_is_catalogued():
    recorded = _recorded_codes()
    assert {"ppid.submitted", "ppid.identity_viewed", "ppid.objection_overdue",
            "ppid.archive_withdrawn", "ppid.corrected"} <= recorded
    assert recorded - {a.code for a in ACTIONS} == set()


def test_the_catalogue_is_registered_when_the_app_starts():
    assert action_for("ppid.decided") is ACTIONS["ppid.decided"]


def test_the_requesters_timeline_shows_the_steps_but_not_the_officers_own_work():
    private = {a.code for a in ACTIONS if not a.public}
    assert {"ppid.identity_viewed", "ppid.reminder", "ppid.overdue", "ppid.corrected",
            "ppid.dip_created", "ppid.archive_published"} <= private
    assert {"ppid.submitted", "ppid.decided", "ppid.objection_decided",
            "ppid.withdrawn"} <= set(ACTIONS.public_codes())


def test_the_timeline_tag_reads_the_ppid_label_in_indonesian():
    with translation.override("id"):
        text = Template("{% load balai_actions %}{% action_label code %}").render(
            Context({"code": "ppid.delegated"}))
    assert text == "Didelegasikan ke PPID pembantu"
