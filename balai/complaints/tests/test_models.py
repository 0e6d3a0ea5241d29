"""The complaint's status groups, defined once on the model (STYLE.md rule 7)."""

from balai.complaints import services
from balai.complaints.models import CLOSED, OPEN, PUBLIC, UNANSWERED, Complaint
from balai.complaints.tests.test_services import submit

S = Complaint.Status


def test_an_answered_case_is_open_until_rated_or_auto_closed_but_no_longer_unanswered():
    # DESIGN.md §4: the reporter may still reopen it, and its auto-close clock runs.
    assert S.SELESAI in OPEN and S.SELESAI not in UNANSWERED
    assert set(S) == OPEN | CLOSED and not OPEN & CLOSED
    assert {S.DITUTUP, S.DITERUSKAN, S.DIARSIPKAN} == CLOSED


def test_a_new_or_archived_case_is_never_listed_publicly():
    assert set(S) - {S.BARU, S.DIARSIPKAN} == PUBLIC


def test_the_public_list_leaves_out_a_confidential_case_whatever_its_status(
        cats, verifikator):
    shown, _ = submit(cats)
    secret, _ = submit(cats, is_confidential=True)
    for complaint in (shown, secret):
        services.complaint_verify(complaint=complaint, actor=verifikator)
    assert list(Complaint.objects.public()) == [shown]
    assert set(Complaint.objects.open()) == {shown, secret}
    assert not Complaint.objects.closed().exists()


def test_a_case_archived_as_spam_has_no_public_page_but_one_archived_otherwise_does(
        cats, verifikator):
    spam, _ = submit(cats)
    incomplete, _ = submit(cats)
    services.complaint_archive(complaint=spam, reason="spam", actor=verifikator)
    services.complaint_archive(complaint=incomplete, reason="incomplete", actor=verifikator)
    spam.refresh_from_db()
    incomplete.refresh_from_db()
    assert not spam.has_public_page and incomplete.has_public_page
