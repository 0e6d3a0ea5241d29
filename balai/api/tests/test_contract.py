"""The API against its own OpenAPI schema: schemathesis, in-process (WSGI), with a real token.

Every operation gets a bounded number of generated requests, authenticated as the
complaint desk, an agency operator and the PPID utama. Positive data must never give a
server error and every response must match the schema (status code, content type,
headers, body); business rules may still refuse schema-valid data (an unknown agency
code, a state that does not allow the action), which the schema documents as 400/404/409.
"""

import time

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from balai.api.services import staff_token_issue
from balai.complaints import services
from balai.complaints.tests import factories
from balai.ppid import services as ppid_services
from balai.ppid.tests import factories as ppid_factories

EXAMPLES = 25  # per operation and persona: the whole run stays well under a minute
NEGATIVE_EXAMPLES = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


@pytest.fixture
def app():
    """Django as a WSGI app in this process, keeping the test's database connection open.

    As Django's own test client does: a finished request must not close the connection
    that holds the test's transaction (it would on PostgreSQL).
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _runner(strategy, headers, checks, examples, calls):
    """A Hypothesis test sending `examples` generated requests with the token's headers."""
    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case):
        calls[0] += 1
        case.call_and_validate(headers=headers, checks=checks)
    return run


@pytest.fixture
def ppid_requests(db, _private_files, petugas_ppid, agency_pupr):
    kept = ppid_factories.request()
    delegated = ppid_factories.request()
    ppid_services.information_request_delegate(request=delegated, agency=agency_pupr,
                                               note="", actor=petugas_ppid)
    return [kept, delegated]


@pytest.fixture
def cases(cats, verifikator, ppid_requests):
    """Complaints in several states, so generated requests reach real rows too."""
    made = []
    for category, at in [("jalan", factories.ALUN_ALUN), ("sampah", factories.BRAWIJAYA),
                         ("jalan", factories.ALUN_ALUN), ("banjir", factories.BRAWIJAYA)]:
        complaint, _ = services.complaint_submit(
            submission=factories.submission(cats[category], at=at), now=timezone.now())
        made.append(complaint)
    services.complaint_verify(complaint=made[0], actor=verifikator)
    services.complaint_verify(complaint=made[1], actor=verifikator)
    services.complaint_accept(complaint=made[1], actor=verifikator)
    return made + ppid_requests


def test_the_schema_is_served_and_valid_openapi_3(client, db):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/schema/" not in schema["paths"]  # SERVE_INCLUDE_SCHEMA off
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_the_schema_generates_without_a_warning_and_validates(tmp_path):
    """`balai spectacular --validate --fail-on-warn`: CI notices an ambiguous schema."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yaml"))
    assert "/api/v1/complaints/{id}/verify/" in (tmp_path / "schema.yaml").read_text()


def test_every_operation_conforms_to_the_schema(app, cases, verifikator, operator_opd,
                                                petugas_ppid, admin):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    ids = [c.pk for c in cases]
    started, calls = time.monotonic(), [0]
    for user in (verifikator, operator_opd, petugas_ppid):
        _token, key = staff_token_issue(user=user, name="schemathesis", actor=admin)
        headers = {"Authorization": f"Bearer {key}"}
        for operation in operations:
            if "{id}" in operation.path:
                strategy = st.one_of(operation.as_strategy(),
                                     *[operation.as_strategy(path_parameters={"id": pk})
                                       for pk in ids])
            else:
                strategy = operation.as_strategy()
            _runner(strategy, headers, CHECKS, EXAMPLES, calls)()
    elapsed = time.monotonic() - started
    print(f"schemathesis (positive): {len(operations)} operations, {calls[0]} requests, "
          f"{elapsed:.1f} s")
    assert calls[0] >= len(operations) * 2


def test_schema_violating_requests_are_refused_without_a_server_error(app, cases,
                                                                        verifikator, admin):
    """Negative data (wrong types, missing fields, out-of-range values): 4xx, never 5xx."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)
    _token, key = staff_token_issue(user=verifikator, name="schemathesis", actor=admin)
    headers = {"Authorization": f"Bearer {key}"}
    started, calls = time.monotonic(), [0]
    for result in schema.get_all_operations():
        strategy = result.ok().as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
        _runner(strategy, headers, [not_a_server_error, content_type_conformance],
                NEGATIVE_EXAMPLES, calls)()
    print(f"schemathesis (negative): {calls[0]} requests, {time.monotonic() - started:.1f} s")
