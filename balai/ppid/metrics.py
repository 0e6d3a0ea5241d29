"""PPID gauges for /metrics: requests by status, and what is past its statutory deadline."""

from django.db.models import Count, Q
from django.utils import timezone

from balai.core.metrics import gauge
from balai.ppid.models import InformationRequest, Objection, overdue_q

S = InformationRequest.Status


@gauge("balai_ppid_requests", "Information requests by status.")
def requests_by_status():
    counts = dict(InformationRequest.objects.values_list("status").annotate(n=Count("id"))
                  .values_list("status", "n"))
    return [({"status": status}, counts.get(status, 0)) for status in S.values]


@gauge("balai_ppid_overdue", "PPID cases past their working-day deadline: requests without "
                             "a written notice, objections without the atasan's decision.")
def overdue():
    today = timezone.localdate()
    requests = InformationRequest.objects.aggregate(
        n=Count("id", filter=overdue_q(today)))["n"]
    objections = Objection.objects.aggregate(n=Count("id", filter=Q(
        status=Objection.Status.RECEIVED, due_date__lt=today)))["n"]
    return [({"kind": "request"}, requests), ({"kind": "objection"}, objections)]
