from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from balai.publications.services import score_snapshot_month


class Command(BaseCommand):
    help = "Compute and keep every OPD's publication score for a month (YYYY-MM)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; the running month when left out")

    def handle(self, *args, month=None, **options):
        today = timezone.localdate()
        try:
            first = date.fromisoformat(f"{month}-01") if month else today.replace(day=1)
        except ValueError as exc:
            raise CommandError("--month is YYYY-MM, e.g. 2026-11") from exc
        if first > today:
            raise CommandError("That month has not begun.")
        kept = score_snapshot_month(month=first, today=today)
        for snap in sorted(kept, key=lambda s: (-s.score, s.agency_id)):
            missing = [i["code"] for i in snap.items if not i["passed"]]
            self.stdout.write(f"{snap.score:3d}  {snap.agency.code:24s}  {' '.join(missing)}")
        self.stdout.write(f"{len(kept)} OPD, {first:%Y-%m}")
