"""Complaint gauges for /metrics: cases by status, and cases past their deadline."""

from django.db.models import Count, Q
from django.utils import timezone

from balai.complaints.models import FOLLOWING_UP, VERIFYING, Complaint
from balai.core.metrics import gauge

S = Complaint.Status


@gauge("balai_complaints", "Complaints by status.")
def complaints_by_status():
    counts = dict(Complaint.objects.values_list("status").annotate(n=Count("id"))
                  .values_list("status", "n"))
    return [({"status": status}, counts.get(status, 0)) for status in S.values]


@gauge("balai_complaints_overdue", "Open complaints past their working-day deadline, by stage.")
def complaints_overdue():
    today = timezone.localdate()
    row = Complaint.objects.aggregate(
        verification=Count("id", filter=Q(status__in=VERIFYING, verify_due__lt=today)),
        followup=Count("id", filter=Q(status__in=FOLLOWING_UP, followup_due__lt=today)))
    return [({"stage": stage}, n) for stage, n in row.items()]
