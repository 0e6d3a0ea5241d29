from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import Role
from balai.agencies.selectors import agencies_for_user
from balai.budget import panels as budget_panels
from balai.correspondence.selectors import workdesk_panel
from balai.forwarding import panels as forwarding_panels
from balai.intake import panels as intake_panels
from balai.lapor import panels as lapor_panels
from balai.market import panels as market_panels
from balai.media_partnerships import panels as media_panels
from balai.towers import panels as tower_panels

# The panels each persona's desk will hold (DESIGN.md §1). A panel links to its queue once
# the service that owns it is installed (its URL resolves); until then the desk says so
# instead of showing an empty table that looks like "no work".
PANELS = {
    "verification": {
        "title": _("Verification queue"),
        "text": _("New complaints to check, fix and pass on to the agency in charge."),
        "empty": _("No complaints are waiting for verification."),
        "url_name": "complaints:staff_queue",
    },
    "intake": {
        "title": _("Enter a complaint"),
        "text": _("Complaints received by phone (112), WhatsApp, at the desk or on social "
                  "media."),
        "empty": _("Nothing entered yet today."),
        "url_name": "complaints:intake",
    },
    "agency_queue": {
        "title": _("Agency queue"),
        "text": _("Complaints passed on to your agency: accept them, answer with evidence, "
                  "or return one that is not yours."),
        "empty": _("No complaints for your agency yet."),
        "url_name": "complaints:staff_queue",
    },
    "overdue": {
        "title": _("Overdue cases"),
        "text": _("Complaints and requests past their deadline."),
        "empty": _("No overdue cases."),
        "url_name": "dashboard:overdue",
    },
    "urgent": {
        "title": _("Urgent complaints"),
        "text": _("Complaints in urgent categories that need the rapid-response team now."),
        "empty": _("No urgent complaints."),
        "url_name": "complaints:urgent",
    },
    "information_requests": {
        "title": _("Information requests"),
        "text": _("Requests for public information and their 10-working-day clock."),
        "empty": _("No information requests yet."),
        "url_name": "ppid:staff_queue",
    },
    "objections": {
        "title": _("Objections (keberatan)"),
        "text": _("Objections to PPID answers that you decide within 30 working days."),
        "empty": _("No objections yet."),
        "url_name": "ppid:objections",
    },
    "documents": {
        "title": _("Issued letters"),
        "text": _("The register of numbered, signed letters: notices, objection decisions."),
        "empty": _("No letters issued yet."),
        "url_name": "documents:staff_list",
    },
    "statistics": {
        "title": _("Performance overview"),
        "text": _("Volumes, overdue cases and each agency's performance; PPID statistics."),
        "empty": _("No figures yet."),
        "url_name": "dashboard:statistics",
    },
    "configuration": {
        "title": _("Configuration"),
        "text": _("Agencies, categories, areas, roads, holidays, users and API keys."),
        "empty": "",
        "url_name": "admin:index",
    },
}

PANELS.update(tower_panels.PANELS)
PANELS.update(media_panels.PANELS)
PANELS.update(market_panels.PANELS)
PANELS.update(budget_panels.PANELS)
PANELS.update(forwarding_panels.PANELS)
PANELS.update(intake_panels.PANELS)
PANELS.update(lapor_panels.PANELS)

PANELS_BY_ROLE = {
    Role.VERIFIKATOR: ["verification", "overdue", "forwarding", "lapor", "mail_drafts",
                       "whatsapp"],
    Role.PETUGAS_112: ["intake", "mail_drafts", "whatsapp", "verification"],
    Role.OPERATOR_OPD: ["agency_queue", "overdue"],
    Role.KEPALA_OPD: ["agency_queue", "overdue"],
    Role.TIM_REAKSI_CEPAT: ["urgent"],
    Role.PETUGAS_PPID: ["information_requests", "overdue", "documents"],
    Role.ATASAN_PPID: ["objections", "information_requests", "documents"],
    Role.KEPALA_DINAS: ["statistics", "overdue", "documents"],
    Role.ADMIN: ["verification", "information_requests", "statistics", "forwarding"],
    Role.PETUGAS_MENARA: ["towers", "tower_round", "tower_findings"],
    Role.PETUGAS_MEDIA: ["media_verification", "media_orders", "media_flags"],
    Role.TIM_VERIFIKASI_MEDIA: ["media_verification"],
    Role.PETUGAS_KIM: ["market_moderation", "kim_registry", "kim_competitions"],
    Role.WALIDATA: ["budget"],
}


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _complaint_queue_count(user) -> int | None:
    if not apps.is_installed("balai.complaints"):
        return None
    from balai.complaints.selectors import staff_queue_for  # noqa: PLC0415
    from balai.core.pagination import capped_count  # noqa: PLC0415

    # The same scoped list the queue page shows: new cases for the desk, the agency's
    # open cases for its staff; one capped COUNT query.
    return capped_count(staff_queue_for(user=user))


def _sees_complaints(user) -> bool:
    from balai.complaints.selectors import complaint_scope  # noqa: PLC0415

    return complaint_scope(user).is_staff


def overdue_stages(*, user) -> list[dict]:
    """The overdue lists the user may see, by stage, with their (capped) counts:
    complaint verification (the desk), complaint follow-up (the desk and the agencies),
    information requests (PPID staff, the atasan and the head of office)."""
    from balai.core.pagination import DEFAULT_CAP, capped_count  # noqa: PLC0415

    stages = []
    if apps.is_installed("balai.complaints") and _sees_complaints(user):
        from balai.complaints.selectors import (  # noqa: PLC0415
            overdue_followup_for,
            overdue_verification_for,
        )

        stages += [
            {"key": "verifikasi", "kind": "complaints", "title": _("Verification"),
             "list": overdue_verification_for(user=user)},
            {"key": "tindak-lanjut", "kind": "complaints", "title": _("Follow-up"),
             "list": overdue_followup_for(user=user)},
        ]
    if apps.is_installed("balai.ppid"):
        from balai.ppid.selectors import overdue_requests_for, ppid_scope  # noqa: PLC0415

        if ppid_scope(user).is_staff:
            stages.append({
                "key": "permohonan-informasi", "kind": "ppid",
                "title": _("Information requests"),
                "list": overdue_requests_for(user=user, today=timezone.localdate())
                .defer("nik", "address", "secret_hash").order_by("due_date", "id")})
    for stage in stages:
        stage["count"] = capped_count(stage["list"])
        stage["capped"] = stage["count"] > DEFAULT_CAP
    return stages


def _overdue_count(user) -> int | None:
    stages = overdue_stages(user=user)
    return sum(stage["count"] for stage in stages) if stages else None


def _ppid_queue_count(user) -> int | None:
    if not apps.is_installed("balai.ppid"):
        return None
    from balai.core.pagination import capped_count  # noqa: PLC0415
    from balai.ppid.selectors import staff_queue_for  # noqa: PLC0415

    return capped_count(staff_queue_for(user=user))


def _urgent_count(user) -> int | None:
    if not apps.is_installed("balai.complaints"):
        return None
    from balai.complaints.selectors import urgent_for  # noqa: PLC0415
    from balai.core.pagination import capped_count  # noqa: PLC0415

    return capped_count(urgent_for(user=user))


STATISTICS_ROLES = {Role.KEPALA_DINAS, Role.ADMIN, Role.VERIFIKATOR}


def can_see_statistics(user) -> bool:
    return user.is_superuser or user.role in STATISTICS_ROLES


# Panels whose owning app can say how much is waiting. The others keep count None
# (unknown), so the desk says "nothing waiting" only when that is true, never by default.
COUNTS = {
    "verification": _complaint_queue_count,
    "agency_queue": _complaint_queue_count,
    "overdue": _overdue_count,
    "urgent": _urgent_count,
    "information_requests": _ppid_queue_count,
    **tower_panels.COUNTS,
    **media_panels.COUNTS,
    **market_panels.COUNTS,
    **budget_panels.COUNTS,
    **forwarding_panels.COUNTS,
    **intake_panels.COUNTS,
    **lapor_panels.COUNTS,
}


def panels_for(*, user) -> list[dict]:
    """The persona's panels, each with its URL (None: not installed) and waiting count."""
    keys = list(PANELS_BY_ROLE.get(user.role, []))
    if user.is_staff and "configuration" not in keys:
        keys.append("configuration")
    panels = []
    for key in keys:
        url = _url(PANELS[key]["url_name"])
        count = COUNTS[key](user) if url and key in COUNTS else None
        panels.append({"key": key, **PANELS[key], "url": url, "count": count})
    # Persuratan follows the office's chain of command, not the role: its own panel.
    letters = workdesk_panel(user=user, today=timezone.localdate())
    if letters is not None:
        panels.insert(0, letters)
    return panels


def workdesk_for(*, user) -> dict:
    """The staff workdesk: the persona's agencies and the panels of its queues.

    Each service adds its queue here as it lands (complaints, PPID); until then the
    desk says so instead of showing empty tables.
    """
    return {
        "agencies": list(agencies_for_user(user=user)),
        "panels": panels_for(user=user),
        "role_label": user.get_role_display(),
        "today": timezone.localdate(),
    }
