"""The command room (ruang kendali): what happens now, for the head of office's wall screen and
phone (reference/registries-and-portal.md §4, the Ngalam Command Center without its CCTV).

Every figure is read through the owning app's scoped selectors or its workdesk counts, so the
room shows a viewer only what their own pages would; each is a COUNT or a small grouped
query on an indexed column, nothing slower than the page it summarises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import Role
from balai.agencies.models import Agency
from balai.core.pagination import capped_count

ROOM_ROLES = frozenset({Role.KEPALA_DINAS, Role.ADMIN, Role.VERIFIKATOR,
                        Role.TIM_REAKSI_CEPAT})
MAP_POINTS = 400
TOP_AGENCIES = 8


def can_see_room(user) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser
                                                         or user.role in ROOM_ROLES)


@dataclass
class Tile:
    key: str
    label: str
    value: int | None
    url: str = ""
    alarm: bool = False  # more than zero is bad news (shown red)


def complaint_figures(*, user, now) -> dict:
    from balai.complaints.selectors import (  # noqa: PLC0415
        complaint_list_for,
        overdue_followup_for,
        urgent_for,
    )

    today = timezone.localdate(now)
    scoped = complaint_list_for(user=user)
    overdue = overdue_followup_for(user=user, today=today)
    # Grouped on the agency's id alone: the partial index complaint_followup_agency answers
    # it without reading the table; the names come after, for the few agencies listed.
    by_agency = list(overdue.order_by().values("agency_id").annotate(n=Count("*"))
                     .order_by("-n")[:TOP_AGENCIES])
    names = {a.pk: a.short_name or a.name for a in Agency.objects.filter(
        pk__in=[row["agency_id"] for row in by_agency])}
    return {
        "tiles": [
            Tile("new_hour", _("New in the last hour"),
                 capped_count(scoped.filter(submitted_at__gte=now - timedelta(hours=1)))),
            Tile("open", _("Open complaints"), capped_count(scoped.open())),
            Tile("urgent", _("Urgent, not yet answered"), capped_count(urgent_for(user=user)),
                 alarm=True),
            Tile("overdue", _("Past their answer deadline"), capped_count(overdue),
                 alarm=True),
        ],
        "overdue_by_agency": [{"agency": names.get(row["agency_id"], "—"), "count": row["n"]}
                              for row in by_agency],
    }


def map_points(*, user) -> list[dict]:
    """The newest open cases with a place, for the map: no reporter, no confidential case
    (the wall may be seen by visitors)."""
    from balai.complaints.selectors import complaint_list_for  # noqa: PLC0415

    rows = (complaint_list_for(user=user).open().filter(is_confidential=False)
            .exclude(lat=None).order_by("-submitted_at")
            .values("code", "lat", "lng", "status", "category__name")[:MAP_POINTS])
    return [{"code": r["code"], "lat": r["lat"], "lng": r["lng"], "status": r["status"],
             "category": r["category__name"]} for r in rows]


def ppid_tiles(*, user, today) -> list[Tile]:
    if not apps.is_installed("balai.ppid"):
        return []
    from balai.ppid.models import OPEN  # noqa: PLC0415
    from balai.ppid.selectors import (  # noqa: PLC0415
        overdue_requests_for,
        ppid_scope,
        request_list_for,
    )

    if not ppid_scope(user).is_staff:
        return []
    running = request_list_for(user=user).filter(status__in=OPEN)
    return [
        Tile("ppid_due", _("Information requests due within 2 days"),
             capped_count(running.filter(due_date__gte=today,
                                         due_date__lte=today + timedelta(days=2)))),
        Tile("ppid_overdue", _("Information requests past due"),
             capped_count(overdue_requests_for(user=user, today=today)), alarm=True),
    ]


def registry_tiles(*, user) -> list[Tile]:
    """Figures the other services already count for the workdesk."""
    from balai.dashboard.selectors import COUNTS, PANELS, _url  # noqa: PLC0415

    wanted = [("tower_findings", _("Open tower findings"), True),
              ("tower_round", _("Towers due for inspection"), False),
              ("media_flags", _("Unpaid media invoices over 30 days"), True),
              ("budget", _("Budget documents due, not published"), True)]
    tiles = []
    for key, label, alarm in wanted:
        if key not in COUNTS:
            continue
        try:
            value = COUNTS[key](user)
        except (Http404, PermissionDenied):
            continue  # that service's figures are not this viewer's to see
        tiles.append(Tile(key, label, value, url=_url(PANELS[key]["url_name"]) or "",
                          alarm=alarm))
    return tiles


def command_room(*, user, now=None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    complaints = complaint_figures(user=user, now=now)
    return {"now": now, "complaint_tiles": complaints["tiles"],
            "overdue_by_agency": complaints["overdue_by_agency"],
            "ppid_tiles": ppid_tiles(user=user, today=today),
            "registry_tiles": registry_tiles(user=user)}
