import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from balai.core.audit import audit_trail
from balai.documents.models import Classification, LetterNumber
from balai.documents.services import letter_number_cancel, letter_number_reserve
from balai.documents.tests.factories import ppid_classification


@pytest.fixture
def ppid_code(db):
    return Classification.objects.get(code="000.8.3.3")


def test_number_follows_permendagri_format_and_runs_per_unit_and_year(ppid_code, verifikator):
    first = letter_number_reserve(classification=ppid_code, unit="diskominfo", year=2026,
                                  actor=verifikator)
    second = letter_number_reserve(classification=ppid_code, unit="DISKOMINFO", year=2026,
                                   actor=verifikator)
    other_year = letter_number_reserve(classification=ppid_code, unit="DISKOMINFO",
                                       year=2027, actor=verifikator)
    other_unit = letter_number_reserve(classification=ppid_code, unit="PPID", year=2026,
                                       actor=verifikator)
    assert first.full_number == "000.8.3.3/1/DISKOMINFO/2026"
    assert second.full_number == "000.8.3.3/2/DISKOMINFO/2026"
    assert other_year.full_number == "000.8.3.3/1/DISKOMINFO/2027"
    assert other_unit.full_number == "000.8.3.3/1/PPID/2026"
    assert [e.action for e in audit_trail(first)] == ["documents.number_reserved"]


def test_cancelled_number_keeps_reason_and_is_never_reused(ppid_code, verifikator):
    first = letter_number_reserve(classification=ppid_code, unit="DISKOMINFO", year=2026,
                                  actor=verifikator)
    letter_number_cancel(number=first, reason="Salah alamat", actor=verifikator)
    nxt = letter_number_reserve(classification=ppid_code, unit="DISKOMINFO", year=2026,
                                actor=verifikator)
    first.refresh_from_db()
    assert first.status == LetterNumber.Status.CANCELLED
    assert first.cancel_reason == "Salah alamat"
    assert nxt.running_number == 2
    assert audit_trail(first).last().data["reason"] == "Salah alamat"


def test_cancel_needs_a_reason(ppid_code, verifikator):
    number = letter_number_reserve(classification=ppid_code, unit="DISKOMINFO", year=2026,
                                   actor=verifikator)
    with pytest.raises(ValidationError):
        letter_number_cancel(number=number, reason="  ", actor=verifikator)
    number.refresh_from_db()
    assert number.status == LetterNumber.Status.ISSUED


def test_unit_code_with_slash_is_refused(ppid_code, verifikator):
    with pytest.raises(ValidationError):
        letter_number_reserve(classification=ppid_code, unit="A/B", year=2026,
                              actor=verifikator)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks are only exercised on PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_numbers_reserved_from_many_threads_have_no_gap_and_no_duplicate():
    code = ppid_classification()
    threads_n, per_thread = 8, 10
    barrier = threading.Barrier(threads_n)
    errors = []

    def work():
        try:
            barrier.wait()
            for _ in range(per_thread):
                letter_number_reserve(classification=code, unit="DISKOMINFO", year=2026,
                                      actor=None)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    running = sorted(LetterNumber.objects.filter(unit_code="DISKOMINFO", year=2026)
                     .values_list("running_number", flat=True))
    assert running == list(range(1, threads_n * per_thread + 1))


def test_the_seeded_000_8_3_3_is_named_for_what_the_list_gives_it_sops(ppid_code):
    """Permendagri 83/2022 gives 000.8.3.3 to Standar Operasional Prosedur, not to PPID
    letters (issue 13, defect 4): the seeded name no longer invites filing them there."""
    assert ppid_code.name == "Standar Operasional Prosedur (SOP)"
