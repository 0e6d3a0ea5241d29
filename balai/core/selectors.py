from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def public_services() -> list[dict]:
    """What the home page offers; a service links only once it is installed."""
    return [
        {"key": "pengaduan", "title": _("Report a problem (pengaduan)"),
         "text": _("Broken road, rubbish, flooding, a street light out: report it with a "
                   "photo and a map pin, and follow it until it is fixed."),
         "url": _url("complaints:report")},
        {"key": "ppid", "title": _("Ask for public information (PPID)"),
         "text": _("Request documents and data held by the city government. The law gives "
                   "the office 10 working days to answer."),
         "url": _url("information_requests:request")},
        {"key": "lacak", "title": _("Track your report or request"),
         "text": _("Enter the code you received, such as ADU-2026-000123, to see its "
                   "status, the agency in charge and the deadline."),
         "url": _url("complaints:track")},
    ]


def oldest_queued_task_age() -> float | None:
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    oldest = (DBTaskResult.objects.filter(status="READY").order_by("enqueued_at")
              .values_list("enqueued_at", flat=True).first())
    return round((timezone.now() - oldest).total_seconds(), 1) if oldest else None
