"""The tower workflow tables (towers/workflow.py) and the services that must follow them."""

import ast
import uuid
from pathlib import Path

import pytest

from balai.towers import services
from balai.towers.errors import TowerTransitionError
from balai.towers.models import Finding, LevyAssessment, LevyObjection, SitingRequest
from balai.towers.tests import factories
from balai.towers.workflow import (
    FINDING_WORKFLOW,
    LEVY_WORKFLOW,
    OBJECTION_WORKFLOW,
    SITING_WORKFLOW,
)

APP = Path(services.__file__).resolve().parent.parent
TABLES = {"SitingRequest": (SITING_WORKFLOW, SitingRequest.Status),
          "Finding": (FINDING_WORKFLOW, Finding.Status),
          "LevyAssessment": (LEVY_WORKFLOW, LevyAssessment.Status),
          "LevyObjection": (OBJECTION_WORKFLOW, LevyObjection.Status)}


def _state(node) -> tuple[str, str] | None:
    """("Finding", "notified") for `Finding.Status.NOTIFIED`, else None (a table's target)."""
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "Status" and isinstance(node.value.value, ast.Name)):
        model = node.value.value.id
        return model, TABLES[model][1][node.attr].value
    return None


def _states_written(tree: ast.Module) -> dict[tuple[str, str], set[str]]:
    """(model, top-level function) -> the states it writes: `x.status = M.Status.S` (also
    in a tuple assignment), `.update(status=M.Status.S)` and a sweep's
    `claim_each(..., status=M.Status.S)`. Restoring a claim (`_unclaim`) is not a write."""
    written: dict[tuple[str, str], set[str]] = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
            continue
        for node in ast.walk(fn):
            found = []
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    pairs = (zip(target.elts, node.value.elts, strict=True)
                             if isinstance(target, ast.Tuple)
                             and isinstance(node.value, ast.Tuple)
                             else [(target, node.value)])
                    found += [value for t, value in pairs
                              if isinstance(t, ast.Attribute) and t.attr == "status"]
            elif isinstance(node, ast.Call):
                found += [k.value for k in node.keywords if k.arg == "status"
                          and isinstance(node.func, ast.Attribute | ast.Name)
                          and getattr(node.func, "attr", getattr(node.func, "id", ""))
                          in ("update", "claim_each")]
            for value in found:
                for branch in ([value.body, value.orelse] if isinstance(value, ast.IfExp)
                               else [value]):
                    state = _state(branch)
                    if state:
                        written.setdefault((state[0], fn.name), set()).add(state[1])
    return written


def _services_written() -> dict[tuple[str, str], set[str]]:
    written = {}
    for path in (APP / "services").glob("*.py"):
        written.update(_states_written(ast.parse(path.read_text())))
    return written


def test_every_transition_names_a_service_of_towers_services():
    for workflow, _states in TABLES.values():
        for t in workflow:
            assert callable(getattr(services, t.service, None)), t.action


def test_no_service_writes_a_state_the_table_does_not_list():
    written = _services_written()
    assert {m for m, _f in written} == {"Finding", "LevyAssessment", "LevyObjection"}, written
    for (model, service), states in written.items():
        listed = {t.target for t in TABLES[model][0] if t.service == service}
        assert states <= listed, f"{service} writes {states - listed}"
    for model, (workflow, _states) in TABLES.items():
        if model == "SitingRequest":  # its service writes the table's own target
            continue
        for t in workflow:
            if t.target is not None:
                assert t.target in written.get((model, t.service), set()), t.action


def test_only_the_services_write_a_status():
    for path in APP.rglob("*.py"):
        if {"tests", "migrations", "services"} & set(path.parts):
            continue
        assert _states_written(ast.parse(path.read_text())) == {}, path.name


def test_a_resolved_finding_is_refused_in_the_table_s_words(db, petugas_menara):
    tower = factories.tower("MLG-0100")
    data = services.InspectionData(obstruction_light="good", paint="good", fence="problem",
                                   signboard="good", generator="good", in_use=True)
    inspection, _created = services.inspection_record(
        tower=tower, data=data, client_uuid=uuid.uuid4(), actor=petugas_menara)
    finding = inspection.findings.get()
    services.finding_resolve(finding=finding, resolution="Pagar diganti.", actor=petugas_menara)
    with pytest.raises(TowerTransitionError,
                       match="Temuan ini berstatus selesai, sehingga tidak dapat"):
        services.finding_resolve(finding=finding, resolution="Lagi.", actor=petugas_menara)
