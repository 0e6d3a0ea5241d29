"""Agenda numbers under concurrency (PostgreSQL): front-office desks registering letters at
the same instant get consecutive numbers, no gap and no duplicate, and a registration that
fails gives its number back (it is taken in the registering transaction)."""

import threading

import pytest
from django.db import connections

from balai.core.tests.concurrency import needs_concurrent_writers
from balai.correspondence import services
from balai.correspondence.models import AgendaSequence, IncomingLetter
from balai.correspondence.tests.factories import letter

DESKS, PER_DESK = 6, 5


@pytest.mark.django_db(transaction=True)
def test_agenda_numbers_from_desks_at_once_have_no_gap_and_no_duplicate(office, monkeypatch):
    needs_concurrent_writers()
    real_log = services.log_action

    def failing_log(obj, code, **kwargs):
        if getattr(obj, "subject", "") == "Gagal dicatat":
            raise RuntimeError("the audit write failed")
        return real_log(obj, code, **kwargs)

    monkeypatch.setattr(services, "log_action", failing_log)
    barrier = threading.Barrier(DESKS)
    errors, failed = [], []

    def desk(i):
        try:
            barrier.wait(timeout=10)
            for j in range(PER_DESK):
                if i == 0 and j == 2:
                    try:
                        letter(office, subject="Gagal dicatat")
                    except RuntimeError:
                        failed.append(j)
                letter(office, subject=f"Surat meja {i} nomor {j}")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads) and errors == [] and failed == [2]
    year = IncomingLetter.objects.values_list("agenda_year", flat=True).first()
    numbers = sorted(IncomingLetter.objects.filter(unit_code="DISKOMINFO", agenda_year=year)
                     .values_list("agenda_number", flat=True))
    assert numbers == list(range(1, DESKS * PER_DESK + 1))
    assert AgendaSequence.objects.get(unit_code="DISKOMINFO", year=year).last_number == \
        DESKS * PER_DESK
    assert not IncomingLetter.objects.filter(subject="Gagal dicatat").exists()
