"""Agenda numbers, dispositions down the chain, answers and the overdue sweep."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from balai.core.models import AuditEntry
from balai.correspondence import services
from balai.correspondence.models import Disposition, IncomingLetter, Instruction, Position
from balai.correspondence.tasks import overdue_dispositions_sweep
from balai.correspondence.tests.factories import letter
from balai.notifications.models import Outbox

JKT = ZoneInfo("Asia/Jakarta")


def test_agenda_numbers_run_without_gaps_per_unit_and_restart_each_year(office):
    first = letter(office, now=datetime(2026, 3, 2, 9, tzinfo=JKT))
    with pytest.raises(ValidationError) as refused:
        letter(office, scan=SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
               now=datetime(2026, 3, 2, 10, tzinfo=JKT))
    assert refused.value.message_dict["scan"] == [
        "Pindaian harus berupa berkas PDF, JPG, atau PNG."]
    second = letter(office, now=datetime(2026, 3, 3, 9, tzinfo=JKT))
    next_year = letter(office, now=datetime(2027, 1, 4, 9, tzinfo=JKT))
    assert (first.agenda_number, second.agenda_number) == (1, 2)
    assert (next_year.agenda_year, next_year.agenda_number) == (2027, 1)
    assert first.agenda_label == "0001/DISKOMINFO/2026"
    assert first.code == f"SURAT-2026-{first.pk:06d}"


def test_a_letter_cannot_be_registered_without_sender_subject_or_addressee(office):
    with pytest.raises(ValidationError) as refused:
        services.incoming_register(
            submission=services.IncomingSubmission(sender_name=" ", subject=""),
            actor=office.front)
    assert set(refused.value.message_dict) == {"sender_name", "subject", "addressee"}
    assert not IncomingLetter.objects.exists()


@time_machine.travel(datetime(2026, 3, 6, 10, tzinfo=JKT), tick=False)  # a Friday
def test_the_head_disposes_with_a_due_date_in_working_days(office):
    made = letter(office)
    made_dispositions = services.letter_dispose(
        letter=made, recipients=[office.kabid_ikp, office.kabid_aptika],
        instructions=[Instruction.FOLLOW_UP, Instruction.COORDINATE], notes="Hadiri",
        workdays=2, actor=office.head)
    assert len(made_dispositions) == 2
    # Friday + 2 working days: the weekend is skipped.
    assert {d.due_on for d in made_dispositions} == {date(2026, 3, 10)}
    made.refresh_from_db()
    assert made.status == IncomingLetter.Status.DISPOSED
    assert AuditEntry.objects.filter(action="correspondence.disposed",
                                     object_id=str(made.pk)).count() == 2


def test_only_the_addressee_disposes_and_only_to_officials_below(office, classification):
    made = letter(office)
    with pytest.raises(ValidationError):
        services.letter_dispose(letter=made, recipients=[office.staff_ikp1],
                                instructions=[Instruction.FOLLOW_UP], notes="", workdays=2,
                                actor=office.kabid_ikp)
    services.letter_dispose(letter=made, recipients=[office.kabid_ikp],
                            instructions=[Instruction.FOLLOW_UP], notes="", workdays=2,
                            actor=office.head)
    mine = made.dispositions.get()
    with pytest.raises(ValidationError) as refused:
        # A kabid cannot dispose to the other kabid's staff.
        services.disposition_forward(disposition=mine, recipients=[office.staff_aptika1],
                                     instructions=[Instruction.FOLLOW_UP], notes="",
                                     workdays=1, actor=office.kabid_ikp)
    assert "recipients" in refused.value.message_dict


def test_the_chain_is_a_tree_followed_up_by_answers(office, classification):
    from balai.correspondence.selectors import disposition_tree

    made = letter(office, classification=classification)
    services.letter_dispose(letter=made, recipients=[office.kabid_ikp], instructions=[],
                            notes="Tindak lanjuti", workdays=5, actor=office.head)
    top = made.dispositions.get()
    services.disposition_forward(disposition=top, recipients=[office.staff_ikp1,
                                                              office.staff_ikp2],
                                 instructions=[Instruction.ANSWER], notes="", workdays=3,
                                 actor=office.kabid_ikp)
    leaf = made.dispositions.get(recipient=office.staff_ikp1)
    with pytest.raises(ValidationError):
        services.disposition_answer(disposition=leaf, response="", actor=office.staff_ikp1)
    services.disposition_answer(disposition=leaf, response="Sudah dijawab",
                                actor=office.staff_ikp1)
    with pytest.raises(ValidationError):  # somebody else's disposition
        services.disposition_close(disposition=made.dispositions.get(
            recipient=office.staff_ikp2), response="x", actor=office.staff_ikp1)
    tree = [(d.recipient, depth, d.status) for d, depth in disposition_tree(made)]
    assert tree == [(office.kabid_ikp, 0, Disposition.Status.FORWARDED),
                    (office.staff_ikp1, 1, Disposition.Status.ANSWERED),
                    (office.staff_ikp2, 1, Disposition.Status.OPEN)]
    services.letter_close(letter=made, note="Selesai", actor=office.head)
    made.refresh_from_db()
    assert made.status == IncomingLetter.Status.CLOSED


def test_a_letter_without_classification_cannot_be_filed(office):
    made = letter(office)
    with pytest.raises(ValidationError) as refused:
        services.letter_close(letter=made, note="", actor=office.head)
    assert list(refused.value.message_dict) == ["classification"]


def test_a_letter_that_came_without_classification_is_given_one_when_closed(client, office,
                                                                          classification):
    """A citizen's letter from the public form has no classification: its addressee gives
    one on the closing form, and the letter is filed under it."""
    from django.urls import reverse

    made = letter(office)
    client.force_login(office.head)
    page = client.get(reverse("correspondence:detail", args=[made.pk])).content.decode()
    assert 'name="close-classification"' in page
    url = reverse("correspondence:letter_action", args=[made.pk, "close"])
    refused = client.post(url, {"close-note": "Sudah dijawab lewat telepon."})
    assert refused.status_code == 400
    client.post(url, {"close-note": "Sudah dijawab lewat telepon.",
                      "close-classification": classification.pk})
    made.refresh_from_db()
    assert made.status == IncomingLetter.Status.CLOSED
    assert made.classification == classification
    filed = letter(office, classification=classification)
    page = client.get(reverse("correspondence:detail", args=[filed.pk])).content.decode()
    assert 'name="close-classification"' not in page


def test_overdue_dispositions_are_reminded_once_per_due_day(office):
    office.staff_ikp1.phone = "081234567890"
    office.staff_ikp1.save()
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=JKT), tick=False):
        made = letter(office)
        services.letter_dispose(letter=made, recipients=[office.kabid_ikp],
                                instructions=[Instruction.FOLLOW_UP], notes="", workdays=1,
                                actor=office.head)
        services.disposition_forward(
            disposition=made.dispositions.get(), recipients=[office.staff_ikp1],
            instructions=[Instruction.FOLLOW_UP], notes="", workdays=1, actor=office.kabid_ikp)
    assert overdue_dispositions_sweep(today=date(2026, 3, 3)) == 0  # due today: not late
    assert overdue_dispositions_sweep(today=date(2026, 3, 4)) == 1  # the staff's; kabid's forwarded
    assert overdue_dispositions_sweep(today=date(2026, 3, 5)) == 0
    sent = Outbox.objects.filter(template="surat_disposisi_terlambat")
    assert {o.channel for o in sent} == {"email", "whatsapp"}
    assert "0001/DISKOMINFO/2026" in sent.get(channel="email").body_text


def test_position_cannot_report_to_its_own_subordinate(office):
    head = Position.objects.get(user=office.head)
    kabid = Position.objects.get(user=office.kabid_ikp)
    with pytest.raises(ValidationError):
        services.position_set(user=office.head, agency=office.agency, title="Kepala Dinas",
                              parent=kabid, unit_code="DISKOMINFO", actor=office.head)
    assert head.parent is None
