"""Dates printed on letters, registers and pages are local dates (issue 11).

At 06:35 WIB on 4 December it is still 3 December in UTC: everything a person reads must
say 4 December.
"""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from balai.core.tests.programs import pdf_text
from balai.documents.storage import documents_storage
from balai.ppid import services
from balai.ppid.notice import notice_context
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
EARLY_MORNING = datetime(2026, 12, 4, 6, 35, tzinfo=WIB)  # 3 Dec 23:35 UTC


@pytest.fixture
def early_request(settings, signing, petugas_ppid):
    settings.TIME_ZONE = "Asia/Jakarta"
    with time_machine.travel(EARLY_MORNING, tick=False):
        req = factories.request()
    # Signed at the real present (the demo CA was made today), dated 06:35 WIB as given.
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid, now=EARLY_MORNING)
    req.refresh_from_db()
    return req


def test_notice_says_the_request_was_received_on_the_local_day(early_request):
    context = notice_context(req=early_request, decision=early_request.decision,
                             office="Diskominfo", objection_deadline=EARLY_MORNING.date())
    assert "terima pada tanggal 4 Desember 2026" in context["body"][0]


def test_rendered_notice_prints_the_local_day(early_request):
    notice = early_request.decision.notice
    text = " ".join(pdf_text(documents_storage().path(notice.pdf_path)).split())
    assert "terima pada tanggal 4 Desember 2026" in text, text
    assert "3 Desember 2026" not in text
    assert re.search(r"Malang, 4 Desember 2026", text), text  # the letter's own date


def test_register_row_and_export_carry_the_local_day(client, early_request, petugas_ppid):
    client.force_login(petugas_ppid)
    url = reverse("ppid:register_requests")
    page = client.get(url, {"tahun": 2026})
    row = page.context["rows"][0]
    assert row[1].isoformat() == "2026-12-04"
    assert "4 Des 2026" in page.content.decode()
    response = client.get(url, {"tahun": 2026, "format": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    first = [list(r) for r in book.active.iter_rows(values_only=True)][1]
    assert first[1].date().isoformat() == "2026-12-04"
    assert first[15].date().isoformat() == "2026-12-04"  # date of the notice


def test_objection_decision_names_the_local_filing_day(settings, early_request):
    from balai.ppid.notice import objection_decision_context

    with time_machine.travel(datetime(2026, 12, 7, 6, 10, tzinfo=WIB), tick=False):
        objection = services.objection_file(request=early_request, ground="35_1a",
                                            ground_date=EARLY_MORNING.date(),
                                            case_summary="Nama pemilik lahan harus dibuka.")
    context = objection_decision_context(objection=objection,
                                         dispute_deadline=EARLY_MORNING.date())
    assert "7 Desember 2026" in context["body"][0]


def test_acknowledgement_email_names_the_local_day(settings, signing):
    from balai.notifications.models import Outbox

    settings.TIME_ZONE = "Asia/Jakarta"
    with time_machine.travel(EARLY_MORNING, tick=False):
        req = factories.request()
    mail = Outbox.objects.filter(recipient=req.email).earliest("id")
    assert "Diterima: 4 Desember 2026" in mail.body_text, mail.body_text
