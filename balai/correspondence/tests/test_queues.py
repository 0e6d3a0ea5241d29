"""A person's queues hold exactly their letters, found from their side (the indexes of
migration 0006), and a search narrows the queue it is typed in."""

from datetime import timedelta

from django.utils import timezone

from balai.correspondence import selectors, services
from balai.correspondence.models import Instruction, Security
from balai.correspondence.tests.factories import letter


def _subjects(letters) -> set[str]:
    return {row.subject for row in letters}


def _dispose(made, office, to, workdays=3):
    services.letter_dispose(letter=made, recipients=[to], instructions=[Instruction.STUDY],
                            notes="", workdays=workdays, actor=office.head)
    return made.dispositions.get(recipient=to)


def test_each_queue_holds_exactly_the_persons_letters(office):
    today = timezone.localdate()
    waiting = letter(office, subject="Belum didisposisi")
    unread = letter(office, subject="Disposisi belum dibaca")
    _dispose(unread, office, office.kabid_ikp)
    read = letter(office, subject="Disposisi sudah dibaca")
    services.disposition_read(disposition=_dispose(read, office, office.kabid_ikp),
                              actor=office.kabid_ikp)
    answered = letter(office, subject="Disposisi sudah dijawab")
    services.disposition_answer(disposition=_dispose(answered, office, office.kabid_ikp),
                                response="Sudah", actor=office.kabid_ikp)
    other = letter(office, subject="Untuk bidang lain", security=Security.RAHASIA)
    _dispose(other, office, office.kabid_aptika)

    def queue(user, name, day=today):
        return _subjects(selectors.queue_letters(user=user, queue=name, today=day))

    assert queue(office.head, "to_dispose") == {waiting.subject}
    # The head has not opened the letter waiting for them; the disposed ones they have.
    assert queue(office.head, "unread") == {waiting.subject}
    assert queue(office.kabid_ikp, "unread") == {unread.subject}
    assert queue(office.kabid_ikp, "pending") == {unread.subject, read.subject}
    assert queue(office.kabid_ikp, "overdue") == set()
    later = today + timedelta(days=30)
    assert queue(office.kabid_ikp, "overdue", later) == {unread.subject, read.subject}
    assert queue(office.kabid_aptika, "pending") == {other.subject}
    counts = selectors.queues_for(user=office.kabid_ikp, today=later)
    assert (counts["incoming_unread"], counts["dispositions_pending"],
            counts["dispositions_overdue"]) == (1, 2, 2)
    # Every queue row is marked visible, and a search narrows the queue.
    pending = selectors.queue_letters(user=office.kabid_ikp, queue="pending", today=today)
    assert all(row.is_visible for row in pending)
    found = selectors.letters_filtered(pending, user=office.kabid_ikp, q="dibaca")
    assert _subjects(found) == {unread.subject, read.subject}
    found = selectors.letters_filtered(pending, user=office.kabid_ikp, q="sudah dibaca")
    assert _subjects(found) == {read.subject}


def test_the_front_office_book_is_every_letter_with_rahasia_masked(office):
    plain = letter(office, subject="Surat biasa")
    secret = letter(office, subject="Surat rahasia sekali", security=Security.RAHASIA)
    book = {row.subject: row.is_visible for row in selectors.agenda_for(user=office.front)}
    assert book == {plain.subject: True, secret.subject: False}
    searched = selectors.letter_search(user=office.front, q="surat")
    assert _subjects(searched) == {plain.subject}
