"""Who hears about a complaint, and that a repeated step is told again."""

from balai.complaints import services
from balai.complaints.tests.test_services import at, submit
from balai.notifications.models import Outbox


def _to(address: str, template: str) -> int:
    return Outbox.objects.filter(recipient=address, template=template).count()


def test_the_reporter_hears_of_the_second_answer_after_reopening(
        cats, verifikator, operator_opd):
    complaint, _ = submit(cats, reporter_phone="")
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 3))
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd,
                              now=at(2026, 11, 4))
    services.complaint_reopen(complaint=complaint, reason="Masih berlubang.",
                              now=at(2026, 11, 5))
    sent = _to(complaint.reporter_email, "aduan_status")
    services.complaint_answer(complaint=complaint, text="Sudah ditambal ulang.",
                              actor=operator_opd, now=at(2026, 11, 9))
    assert _to(complaint.reporter_email, "aduan_status") == sent + 1


def test_a_case_disposed_again_after_a_return_is_news_again_for_agency_and_reporter(
        cats, verifikator, operator_opd):
    complaint, _ = submit(cats, reporter_phone="")
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 3))
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_return(complaint=complaint, reason="Perlu dicek ulang.",
                              actor=operator_opd)
    tasks = _to(operator_opd.email, "aduan_tugas")
    services.complaint_verify(complaint=complaint, actor=verifikator,
                              instruction="Sudah dicek: jalan kota.", now=at(2026, 11, 4))
    assert _to(operator_opd.email, "aduan_tugas") == tasks + 1
    news = _to(complaint.reporter_email, "aduan_status")
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    assert _to(complaint.reporter_email, "aduan_status") == news + 1
