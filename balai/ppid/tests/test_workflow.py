"""The PPID workflow tables (ppid/workflow.py) and the doors that read them."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from balai.ppid import services
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import Announcement, InformationRequest, Objection
from balai.ppid.tests import factories
from balai.ppid.views.staff import STAFF_FORMS
from balai.ppid.workflow import (
    ANNOUNCEMENT_WORKFLOW,
    MAIN,
    OBJECTION_WORKFLOW,
    OFFICER,
    WORKFLOW,
)

S = InformationRequest.Status
APP = Path(services.__file__).resolve().parent.parent
TABLES = {"InformationRequest": (WORKFLOW, S),
          "Objection": (OBJECTION_WORKFLOW, Objection.Status),
          "Announcement": (ANNOUNCEMENT_WORKFLOW, Announcement.Status)}


def _states_written(tree: ast.Module) -> dict[tuple[str, str], set[str]]:
    """(model, top-level function) -> the states it assigns to `<case>.status`, read from
    `Model.Status.NAME` on the right-hand side."""
    written: dict[tuple[str, str], set[str]] = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "status" for t in node.targets):
                value = node.value
                assert isinstance(value, ast.Attribute), ast.unparse(node)
                model = value.value.value.id
                state = TABLES[model][1][value.attr].value
                written.setdefault((model, fn.name), set()).add(state)
    return written


def _services_written() -> dict[tuple[str, str], set[str]]:
    written = {}
    for path in (APP / "services").glob("*.py"):
        written.update(_states_written(ast.parse(path.read_text())))
    return written


def test_every_transition_names_a_service_of_ppid_services():
    for workflow in (WORKFLOW, OBJECTION_WORKFLOW, ANNOUNCEMENT_WORKFLOW):
        for t in workflow:
            assert callable(getattr(services, t.service, None)), t.action


def test_no_service_writes_a_state_the_table_does_not_list():
    written = _services_written()
    assert written, "the scan found no state changes at all"
    for (model, service), states in written.items():
        workflow = TABLES[model][0]
        listed = {t.target for t in workflow if t.service == service}
        assert states <= listed, f"{service} writes {states - listed}"
    for model, (workflow, _states) in TABLES.items():
        for t in workflow:
            if t.target is not None:
                assert t.target in written.get((model, t.service), set()), t.action


def test_only_the_services_write_a_status():
    for path in APP.rglob("*.py"):
        if {"tests", "migrations", "services"} & set(path.parts):
            continue
        assert _states_written(ast.parse(path.read_text())) == {}, path.name


def test_the_staff_page_has_a_form_for_each_officer_action_and_no_other():
    assert set(STAFF_FORMS) == {t.action for t in WORKFLOW if t.sides & {MAIN, OFFICER}}


def test_a_refused_action_says_the_state_and_the_action_in_the_table_s_words(db):
    req = factories.request()
    with pytest.raises(PpidTransitionError, match="Permohonan ini berstatus diterima, "
                       "sehingga tidak dapat ditampilkan untuk publik"):
        services.information_request_publish(request=req, summary="Ringkasan.", actor=None)


def test_the_staff_page_offers_what_the_table_offers_the_officer(client, petugas_ppid):
    req = factories.request()
    client.force_login(petugas_ppid)
    html = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    offered = [a for a in ("take", "delegate", "extend", "decide", "publish", "dispute")
               if f'id="action-{a}"' in html]
    assert offered == ["take", "delegate", "extend", "decide"]
    # Once extended, the extension is not offered again (Pasal 22(8)).
    services.information_request_extend(request=req, reason="Dokumen tersebar di tiga bidang.",
                                        actor=petugas_ppid)
    html = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert 'id="action-extend"' not in html and 'id="action-take"' not in html
    assert 'id="action-decide"' in html


def test_the_requester_is_offered_withdrawal_only_while_the_request_is_open(client,
                                                                          petugas_ppid):
    req, secret = services.information_request_submit(
        submission=factories.submission(), documents=factories.prepared_ktp())
    track = reverse("ppid:track_detail", args=[req.code]) + f"?k={secret}"
    withdraw = reverse("ppid:withdraw", args=[req.code])
    assert withdraw in client.get(track).content.decode()
    services.information_request_withdraw(request=req)
    assert withdraw not in client.get(track).content.decode()
