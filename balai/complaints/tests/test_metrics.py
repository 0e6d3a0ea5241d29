"""/metrics: what a Prometheus scraper sees of the complaint service, and who may scrape."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from balai.complaints import services
from balai.complaints.tests import factories
from balai.notifications.models import Outbox

WIB = ZoneInfo("Asia/Jakarta")
URL = reverse("core:metrics")


def make(cats, **extra):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"],
                                                                            **extra),
                                             now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    return complaint


def test_metrics_count_complaints_by_status_overdue_and_outbox(client, cats, verifikator):
    make(cats)
    make(cats)
    services.complaint_verify(complaint=make(cats), actor=verifikator)
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=WIB)):  # past 3 working days
        text = client.get(URL, REMOTE_ADDR="127.0.0.1").content.decode()
    assert "# TYPE balai_complaints gauge" in text
    assert 'balai_complaints{status="baru"} 2\n' in text
    assert 'balai_complaints{status="terverifikasi"} 1\n' in text
    assert 'balai_complaints{status="ditutup"} 0\n' in text
    assert 'balai_complaints_overdue{stage="verification"} 2\n' in text
    queued = Outbox.objects.filter(channel="email", status="queued").count()
    assert queued > 0
    assert f'balai_outbox_messages{{channel="email",status="queued"}} {queued}\n' in text
    assert "balai_tasks_queued " in text


def test_metrics_without_a_token_answer_only_this_machine(client, db):
    assert client.get(URL, REMOTE_ADDR="10.1.2.3").status_code == 403
    assert client.get(URL, REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403


@pytest.mark.parametrize(("header", "status"), [("", 401), ("Bearer salah", 401),
                                                ("Bearer rahasia-scrape", 200)])
def test_metrics_with_a_token_need_it(client, db, settings, header, status):
    settings.METRICS_TOKEN = "rahasia-scrape"
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(URL, REMOTE_ADDR="10.1.2.3", **extra).status_code == status
