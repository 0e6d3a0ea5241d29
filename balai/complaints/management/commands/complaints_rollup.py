"""Rebuild the complaints' daily roll-up for a range of days (a backfill, or a check)."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from balai.complaints.models import Complaint
from balai.complaints.rollup import complaints_rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the daily roll-up of complaints from FIRST to LAST (default: every day)."

    def add_arguments(self, parser):
        parser.add_argument("--first", type=date.fromisoformat)
        parser.add_argument("--last", type=date.fromisoformat)

    def handle(self, *args, first=None, last=None, **options):
        if first is None:
            oldest = Complaint.objects.order_by("submitted_at").values_list(
                "submitted_at", flat=True).first()
            first = timezone.localdate(oldest) if oldest else timezone.localdate()
        last = last or timezone.localdate()
        if last < first:
            raise CommandError("--last is before --first")
        read = complaints_rollup_rebuild(first, last)
        self.stdout.write(f"{(last - first + timedelta(days=1)).days} days rebuilt, "
                          f"{read} complaints read")
