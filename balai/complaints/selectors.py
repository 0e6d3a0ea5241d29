"""Reads of complaints, always scoped by who is looking (STYLE.md, Reads are selectors)."""

from __future__ import annotations

import math
from datetime import datetime

from django.db.models import Case, F, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from balai.accounts.models import Role
from balai.agencies.selectors import agencies_for_user
from balai.complaints.models import Complaint

S = Complaint.Status
DESK_ROLES = {Role.VERIFIKATOR, Role.PETUGAS_112, Role.ADMIN, Role.KEPALA_DINAS}
AGENCY_ROLES = {Role.OPERATOR_OPD, Role.KEPALA_OPD, Role.TIM_REAKSI_CEPAT}
PUBLIC_STATUSES = [S.TERVERIFIKASI, S.DIPROSES, S.MENUNGGU_INFO, S.SELESAI, S.DITUTUP,
                   S.DITERUSKAN]
OPEN_STATUSES = [S.BARU, S.TERVERIFIKASI, S.DIPROSES, S.MENUNGGU_INFO, S.SELESAI]


def _base() -> QuerySet[Complaint]:
    # Pages show the kelurahan's name, never its polygon: loading (and JSON-decoding) two
    # boundaries per complaint made the Open311 list ~3× slower.
    return (Complaint.objects.select_related("category", "agency", "kelurahan", "kecamatan")
            .defer("kelurahan__geometry", "kecamatan__geometry"))


def complaint_list_for(*, user) -> QuerySet[Complaint]:
    """The complaints `user` may open as staff: all for the desk, their agency's otherwise."""
    if not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    if user.is_superuser or user.role in DESK_ROLES:
        return _base()
    if user.role in AGENCY_ROLES:
        own = Q(agency__in=agencies_for_user(user=user)) & ~Q(status__in=[S.BARU,
                                                                          S.DIARSIPKAN])
        if user.role == Role.TIM_REAKSI_CEPAT:
            # The rapid-response team acts on urgent cases from the moment they arrive,
            # whichever agency ends up in charge.
            own |= Q(category__is_urgent=True) & ~Q(status=S.DIARSIPKAN)
        return _base().filter(own)
    return Complaint.objects.none()


def complaint_get_for(*, user, pk: int) -> Complaint:
    """One complaint for staff, or 404: guessing another agency's id reveals nothing."""
    complaint = complaint_list_for(user=user).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


def can_see_reporter(*, user, complaint: Complaint) -> bool:
    """Reporter identity: the desk always; the handling agency unless the reporter is anonim."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role in {Role.VERIFIKATOR, Role.PETUGAS_112, Role.ADMIN}:
        return True
    if complaint.is_anonymous:
        return False
    return user.role in AGENCY_ROLES and complaint_list_for(user=user).filter(
        pk=complaint.pk).exists()


def public_complaints(*, category: str = "", kecamatan: str = "", status: str = "",
                      date_from=None, date_to=None) -> QuerySet[Complaint]:
    """Complaints the public may see: verified, not rahasia; never reporter identity."""
    qs = (_base().filter(is_confidential=False, status__in=PUBLIC_STATUSES)
          .defer("reporter_name", "reporter_email", "reporter_phone", "secret_hash"))
    if category:
        qs = qs.filter(category__code=category)
    if kecamatan:
        qs = qs.filter(kecamatan__code=kecamatan)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(submitted_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(submitted_at__date__lte=date_to)
    return qs


def complaint_by_code(code: str) -> Complaint:
    # Codes are made upper-case (ADU-2026-000123): an exact match uses the unique index,
    # where a case-insensitive one scans the table on PostgreSQL and SQLite alike.
    try:
        return _base().get(code=code.strip().upper())
    except Complaint.DoesNotExist:
        raise Http404 from None


def complaint_version(code: str) -> tuple[int, datetime, int, str] | None:
    """What a public page of the case depends on, in one narrow indexed read: id,
    updated_at (bumped by every visible change), supporters_count and the secret's hash
    (to recognise the reporter's link without loading the case)."""
    rows = (Complaint.objects.filter(code=code.strip().upper()).order_by()
            .values_list("pk", "updated_at", "supporters_count", "secret_hash")[:1])
    return next(iter(rows), None)


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine; plenty for a 250 m radius)."""
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def nearby_open_complaints(*, category, lat: float, lng: float, limit: int = 5,
                           radius_m: float | None = None) -> list[tuple[Complaint, float]]:
    """Open, public complaints of the same category within the category's radius, nearest first."""
    radius = radius_m if radius_m is not None else category.duplicate_radius_m
    dlat = radius / 111_320
    dlng = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    candidates = (_base().filter(category=category, is_confidential=False,
                                 status__in=OPEN_STATUSES)
                  .filter(Q(lat__gte=lat - dlat) & Q(lat__lte=lat + dlat)
                          & Q(lng__gte=lng - dlng) & Q(lng__lte=lng + dlng)))
    hits = [(c, distance_m(lat, lng, c.lat, c.lng)) for c in candidates]
    hits = [(c, d) for c, d in hits if d <= radius]
    return sorted(hits, key=lambda hit: hit[1])[:limit]


def kecamatan_choices() -> list[tuple[str, str]]:
    from balai.geo.models import Area  # noqa: PLC0415

    return list(Area.objects.filter(level="kecamatan").order_by("name")
                .values_list("code", "name"))


def kelurahan_geojson() -> str:
    """The territory's kelurahan/desa polygons as one GeoJSON document, cached."""
    import json  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415
    from django.core.cache import cache  # noqa: PLC0415

    from balai.geo.models import Area  # noqa: PLC0415

    prefix = settings.BALAI_INSTALLATION["territory_code"]
    rows = (Area.objects.filter(level__in=["kelurahan", "desa"], code__startswith=prefix)
            .values_list("code", "name", "geometry", "updated_at"))
    stamp = Area.objects.filter(code__startswith=prefix).order_by("-updated_at") \
        .values_list("updated_at", flat=True).first()
    key = f"complaints:kelurahan-geojson:{prefix}:{stamp.timestamp() if stamp else 0}"
    cached = cache.get(key)
    if cached is None:
        cached = json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geom}
            for code, name, geom, _updated in rows]}, separators=(",", ":"))
        cache.set(key, cached, 3600)
    return cached


def staff_queue_for(*, user, status: str = "", category: str = "") -> QuerySet[Complaint]:
    """The staff member's working list: new cases for the desk, the agency's open cases."""
    qs = complaint_list_for(user=user)
    if status:
        return qs.filter(status=status)
    if user.is_superuser or user.role in DESK_ROLES:
        qs = qs.filter(status=S.BARU)
    else:
        qs = qs.filter(status__in=[S.TERVERIFIKASI, S.DIPROSES, S.MENUNGGU_INFO])
    if category:
        qs = qs.filter(category__code=category)
    return qs.order_by("submitted_at", "id")


def street_index() -> list[dict]:
    """Street names with a point on each, for "search by street" on the report map."""
    from shapely.geometry import shape  # noqa: PLC0415

    from balai.geo.models import Road  # noqa: PLC0415

    seen: dict[str, dict] = {}
    for name, geometry in Road.objects.order_by("name").values_list("name", "geometry"):
        if name in seen or not geometry:
            continue
        line = shape(geometry)
        middle = line.interpolate(0.5, normalized=True)
        seen[name] = {"name": name, "lat": round(middle.y, 6), "lng": round(middle.x, 6)}
    return list(seen.values())


def overdue_for(*, user, today=None) -> QuerySet[Complaint]:
    """Open cases past the deadline of their stage, most overdue first (clock paused while
    waiting for the reporter, so those are not overdue)."""
    today = today or timezone.localdate()
    return (complaint_list_for(user=user)
            .filter(Q(status=S.BARU, verify_due__lt=today)
                    | Q(status__in=[S.TERVERIFIKASI, S.DIPROSES], followup_due__lt=today))
            .annotate(due=Case(When(status=S.BARU, then=F("verify_due")),
                               default=F("followup_due")))
            .order_by("due", "id"))


def urgent_for(*, user) -> QuerySet[Complaint]:
    """Open complaints in urgent categories that `user` may see, newest first."""
    return (complaint_list_for(user=user)
            .filter(category__is_urgent=True,
                    status__in=[S.BARU, S.TERVERIFIKASI, S.DIPROSES, S.MENUNGGU_INFO])
            .order_by("-submitted_at", "-id"))


def complaint_statistics(*, date_from, date_to, today=None) -> dict:
    """Figures for the head of office over complaints received in [date_from, date_to]:
    totals by status and channel, and per agency received / answered / on time / overdue
    / average rating. A handful of aggregate queries over the submitted_at index."""
    from django.db.models import Avg, Count  # noqa: PLC0415

    today = today or timezone.localdate()
    period = Complaint.objects.filter(submitted_at__date__gte=date_from,
                                      submitted_at__date__lte=date_to)
    answered = Q(answered_at__isnull=False)
    on_time = answered & Q(answered_at__date__lte=F("followup_due"))
    overdue = (Q(status=S.BARU, verify_due__lt=today)
               | Q(status__in=[S.TERVERIFIKASI, S.DIPROSES], followup_due__lt=today))
    by_status = dict(period.order_by().values_list("status").annotate(n=Count("id")))
    by_channel = dict(period.order_by().values_list("channel").annotate(n=Count("id")))
    agencies = list(
        period.filter(agency__isnull=False).order_by()
        .values("agency_id", "agency__name", "agency__short_name")
        .annotate(received=Count("id"), answered=Count("id", filter=answered),
                  on_time=Count("id", filter=on_time), overdue=Count("id", filter=overdue),
                  rating=Avg("rating"))
        .order_by("-received", "agency__name"))
    for row in agencies:
        row["name"] = row["agency__short_name"] or row["agency__name"]
        row["on_time_pct"] = round(100 * row["on_time"] / row["answered"]) \
            if row["answered"] else None
    categories = list(period.order_by().values("category__name").annotate(n=Count("id"))
                      .order_by("-n", "category__name")[:10])
    total = sum(by_status.values())
    return {
        "total": total,
        "by_status": [(label, by_status.get(value, 0)) for value, label in S.choices],
        "by_channel": [(label, by_channel[value]) for value, label
                       in Complaint.Channel.choices if by_channel.get(value)],
        "agencies": agencies,
        "categories": categories,
        "overdue_now": period.filter(overdue).count(),
        "rated": period.filter(rating__isnull=False).aggregate(avg=Avg("rating"),
                                                               n=Count("id")),
    }
