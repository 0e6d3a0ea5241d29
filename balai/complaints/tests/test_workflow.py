"""The complaint workflow table (complaints/workflow.py) and the doors that read it."""

import ast
import inspect
from pathlib import Path

import pytest

from balai.complaints import services
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import Complaint
from balai.complaints.tests.test_services import submit
from balai.complaints.views import REPORTER_FORMS, STAFF_FORMS
from balai.complaints.workflow import AGENCY, CHECKER, DESK, REPORTER, WORKFLOW

S = Complaint.Status
APP = Path(services.__file__).resolve().parent


def _states_written(tree: ast.AST) -> dict[str, set[str]]:
    """function name -> the states it assigns to `<case>.status` (as `S.NAME`)."""
    written: dict[str, set[str]] = {}
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "status" for t in node.targets):
                assert isinstance(node.value, ast.Attribute), ast.unparse(node)
                written.setdefault(fn.name, set()).add(S[node.value.attr].value)
    return written


def test_every_transition_names_a_service_of_complaints_services():
    for t in WORKFLOW:
        assert callable(getattr(services, t.service, None)), t.action


def test_no_service_writes_a_state_the_table_does_not_list():
    written = _states_written(ast.parse(inspect.getsource(services)))
    assert written, "the scan found no state changes at all"
    for service, states in written.items():
        listed = {t.target for t in WORKFLOW if t.service == service}
        assert states <= listed, f"{service} writes {states - listed}"
    for t in WORKFLOW:
        if t.target is not None:
            assert t.target in written.get(t.service, set()), t.action


def test_only_the_services_write_a_complaint_s_status():
    for path in APP.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts) or path.name == "services.py":
            continue
        assert _states_written(ast.parse(path.read_text())) == {}, path.name


def test_the_pages_have_a_form_for_each_action_of_their_sides_and_no_other():
    assert set(STAFF_FORMS) == {t.action for t in WORKFLOW
                                if t.sides & {DESK, AGENCY, CHECKER}}
    assert set(REPORTER_FORMS) == {t.action for t in WORKFLOW if REPORTER in t.sides}


def test_the_destructive_actions_are_never_open_by_default():
    assert {t.action for t in WORKFLOW if t.destructive} == {"archive", "duplicate", "return",
                                                             "confidentiality", "check_fail"}


def test_a_refused_action_says_the_state_and_the_action_in_the_table_s_words(cats):
    complaint, _ = submit(cats)
    with pytest.raises(ComplaintTransitionError,
                       match="Aduan ini berstatus baru, jadi tidak dapat dinilai."):
        services.complaint_rate(complaint=complaint, rating=5)


def test_the_reporter_rates_or_reopens_an_answered_case_instead_of_replying(
        cats, verifikator, operator_opd):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd)
    # A reply would not stop the auto-close: the case would close as if unanswered.
    with pytest.raises(ComplaintTransitionError,
                       match="berstatus selesai, jadi tidak dapat dijawab oleh"):
        services.complaint_reporter_reply(complaint=complaint, text="Belum rapi.")
    complaint.refresh_from_db()
    assert complaint.status == S.SELESAI and not complaint.messages.filter(
        text="Belum rapi.").exists()
