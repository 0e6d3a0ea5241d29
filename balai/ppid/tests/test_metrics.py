from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from balai.ppid import metrics
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db


def test_gauges_count_requests_by_status_and_the_overdue_ones():
    with time_machine.travel(datetime(2026, 3, 16, 10, tzinfo=ZoneInfo("Asia/Jakarta")),
                             tick=False):
        factories.request()
    factories.request()
    statuses = {labels["status"]: n for labels, n in metrics.requests_by_status()}
    assert statuses["diterima"] == 2 and statuses["dijawab"] == 0
    assert dict((labels["kind"], n) for labels, n in metrics.overdue()) == {
        "request": 1, "objection": 0}


def test_the_gauges_are_exposed(client, settings):
    settings.METRICS_TOKEN = "rahasia"
    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer rahasia").content.decode()
    assert 'balai_ppid_requests{status="diterima"}' in body
    assert 'balai_ppid_overdue{kind="request"}' in body
