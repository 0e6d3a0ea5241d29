import pytest
from django.db import transaction

from balai.agencies.models import Agency
from balai.core.audit import audit_trail, log_action
from balai.core.models import AuditEntry


@pytest.mark.django_db(transaction=True)
def test_log_action_outside_a_transaction_is_refused():
    agency = Agency.objects.create(code="x", name="X")
    with pytest.raises(RuntimeError):
        log_action(agency, "agencies.touched")


@pytest.mark.django_db(transaction=True)
def test_audit_entry_rolls_back_with_the_change(verifikator):
    agency = Agency.objects.create(code="x", name="X")
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        log_action(agency, "agencies.renamed", actor=verifikator, data={"to": "Y"})
        1 / 0  # noqa: B018
    assert not AuditEntry.objects.exists()


def test_trail_records_actor_data_and_is_append_only(db, verifikator):
    agency = Agency.objects.create(code="x", name="X")
    with transaction.atomic():
        log_action(agency, "agencies.renamed", actor=verifikator, data={"to": "Y"}, public=True)
        log_action(agency, "agencies.noted", data={"n": 1})
    entries = list(audit_trail(agency))
    assert [e.action for e in entries] == ["agencies.renamed", "agencies.noted"]
    assert entries[0].actor == verifikator and entries[0].data == {"to": "Y"}
    assert entries[1].actor_label == "system"
    assert [e.action for e in audit_trail(agency, public_only=True)] == ["agencies.renamed"]
    entries[0].data = {"to": "Z"}
    with pytest.raises(PermissionError):
        entries[0].save()
    with pytest.raises(PermissionError):
        entries[0].delete()


def test_action_code_must_be_dotted(db):
    agency = Agency.objects.create(code="x", name="X")
    with pytest.raises(ValueError), transaction.atomic():
        log_action(agency, "renamed")
