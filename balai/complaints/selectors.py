"""Reads of complaints, always scoped by who is looking (STYLE.md, Reads are selectors)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection, models
from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from balai.accounts.models import Role
from balai.agencies.selectors import agency_ids_for_user
from balai.complaints.models import (
    CLOCKS,
    FOLLOWING_UP,
    UNANSWERED,
    VERIFYING,
    Complaint,
)
from balai.complaints.workflow import AGENCY, CHECKER, DESK, WORKFLOW
from balai.core.calendar import get_work_calendar
from balai.core.tracking import code_normalise
from balai.core.workflow import Transition
from balai.lib.dates import days_range

S = Complaint.Status


def _base() -> QuerySet[Complaint]:
    # Pages show the kelurahan's name, never its polygon: loading (and JSON-decoding) two
    # boundaries per complaint made the Open311 list ~3× slower.
    return (Complaint.objects.select_related("category", "agency", "kelurahan", "kecamatan")
            .defer("kelurahan__geometry", "kecamatan__geometry"))


# --- who sees what (STYLE.md rule 8) -------------------------------------------------

# Reporter identity (name, e-mail, phone; UU 27/2022): "all" of it, "unless_anonymous"
# (the handling agency, when the reporter did not choose anonim) or "none".
IDENTITY_ALL, IDENTITY_UNLESS_ANONYMOUS, IDENTITY_NONE = "all", "unless_anonymous", "none"


@dataclass(frozen=True)
class ComplaintScope:
    """What one user sees of complaints and may do with them; one per request.

    Views, the REST API, the exports, the dashboard and Open311 ask it instead of reading
    the user's role (healthchecks' `_get_check_for_user(request, code) -> (check, rw)`).
    """

    user: Any = None
    is_staff: bool = False  # works on complaints at all (pages, exports, the dashboard)
    reads_all: bool = False  # the complaint desk, the head of office, admin: every case
    agency_ids: tuple[int, ...] = ()  # otherwise: cases disposed to these agencies
    urgent_everywhere: bool = False  # the rapid-response team: urgent cases from arrival
    identity: str = IDENTITY_NONE
    sides: frozenset[str] = frozenset()  # the workflow sides this user acts as
    can_intake: bool = False  # enters complaints received by phone, WhatsApp, walk-in

    @property
    def is_desk(self) -> bool:
        """Works from the desk's queue (new cases) rather than an agency's."""
        return self.reads_all

    def complaints(self) -> QuerySet[Complaint]:
        """The complaints this user may open as staff."""
        if self.reads_all:
            return _base()
        if not self.is_staff:
            return Complaint.objects.none()
        # Ids, not a subquery: the planner then uses the (agency, status, submitted_at)
        # index instead of reading every open case (bench/scale.py, 1M complaints).
        own = Q(agency_id__in=self.agency_ids) & ~Q(status__in=[S.BARU, S.DIARSIPKAN])
        if self.urgent_everywhere:
            # The rapid-response team acts on urgent cases from the moment they arrive,
            # whichever agency ends up in charge.
            own |= Q(category_id__in=urgent_category_ids()) & ~Q(status=S.DIARSIPKAN)
        # A checking unit sees the answers that wait for its check (Category.checker):
        # a subquery, so a list page costs no extra round trip, and a few rows by the
        # index on check_requested_at.
        own |= Q(check_requested_at__isnull=False, status=S.DIPROSES,
                 category_id__in=checked_categories(self.agency_ids))
        return _base().filter(own)

    def get(self, pk: int) -> Complaint:
        """One complaint, or 404: guessing another agency's id reveals nothing."""
        complaint = self.complaints().filter(pk=pk).first()
        if complaint is None:
            raise Http404
        return complaint

    def sees_reporter(self, complaint: Complaint) -> bool:
        """Reporter identity of a case this user can open (from `complaints()`); a checking
        unit reads another agency's answer, not who reported (the rapid-response team,
        which acts on any urgent case, still reaches the reporter)."""
        if not (self.reads_all or self.urgent_everywhere) \
                and complaint.agency_id not in self.agency_ids:
            return False
        return self.identity == IDENTITY_ALL or (
            self.identity == IDENTITY_UNLESS_ANONYMOUS and not complaint.is_anonymous)

    def sides_on(self, complaint: Complaint) -> frozenset[str]:
        """The sides this user acts as on `complaint`: an agency acts on its own cases only,
        and while an answer waits for its second check, only the checking unit acts."""
        sides = set(self.sides)
        if AGENCY in sides and complaint.agency_id not in self.agency_ids:
            sides.discard(AGENCY)  # a checking unit sees another agency's case
        if complaint.check_requested_at is not None:
            sides.discard(AGENCY)  # the agency's answer waits for its check
            if self.agency_ids and complaint.category.checker_id in self.agency_ids:
                sides.add(CHECKER)
        return frozenset(sides)

    def may(self, action: str, complaint: Complaint | None = None) -> bool:
        """Whether this user may take `action`: by role, and on `complaint` when given (its
        state is the service's to check)."""
        sides = self.sides if complaint is None else self.sides_on(complaint)
        return action in WORKFLOW and bool(WORKFLOW[action].sides & sides)

    def actions(self, complaint: Complaint) -> list[Transition]:
        """The actions offered to this user on `complaint` now, usual next step first."""
        return WORKFLOW.offered(complaint.status, self.sides_on(complaint))

    def case(self, pk: int) -> StaffCase:
        """The complaint with what this user may see and do with it, or 404."""
        complaint = self.get(pk)
        return StaffCase(complaint, self.sees_reporter(complaint), self.actions(complaint))


@dataclass(frozen=True)
class StaffCase:
    complaint: Complaint
    sees_reporter: bool
    actions: list[Transition]


_DESK_ROLES = {Role.VERIFIKATOR, Role.ADMIN}  # act as the desk
_READ_ALL_ROLES = {Role.VERIFIKATOR, Role.PETUGAS_112, Role.ADMIN, Role.KEPALA_DINAS}
_IDENTITY_ROLES = {Role.VERIFIKATOR, Role.PETUGAS_112, Role.ADMIN}
_AGENCY_ROLES = {Role.OPERATOR_OPD, Role.KEPALA_OPD, Role.TIM_REAKSI_CEPAT}
_AGENCY_ACTING_ROLES = {Role.OPERATOR_OPD, Role.KEPALA_OPD}
_INTAKE_ROLES = {Role.PETUGAS_112, Role.VERIFIKATOR, Role.ADMIN}


def complaint_scope(user) -> ComplaintScope:
    """The role policy of the complaints service, in one place."""
    if not getattr(user, "is_authenticated", False):
        return ComplaintScope()
    role, superuser = user.role, user.is_superuser
    if superuser or role in _READ_ALL_ROLES:
        return ComplaintScope(
            user=user, is_staff=True, reads_all=True,
            identity=IDENTITY_ALL if superuser or role in _IDENTITY_ROLES else IDENTITY_NONE,
            sides=frozenset({DESK}) if superuser or role in _DESK_ROLES else frozenset(),
            can_intake=superuser or role in _INTAKE_ROLES)
    if role in _AGENCY_ROLES:
        return ComplaintScope(
            user=user, is_staff=True, agency_ids=tuple(agency_ids_for_user(user=user)),
            urgent_everywhere=role == Role.TIM_REAKSI_CEPAT,
            identity=IDENTITY_UNLESS_ANONYMOUS,
            sides=frozenset({"agency"}) if role in _AGENCY_ACTING_ROLES else frozenset())
    return ComplaintScope(user=user)


def complaint_list_for(*, user) -> QuerySet[Complaint]:
    """The complaints `user` may open as staff: all for the desk, their agency's otherwise."""
    return complaint_scope(user).complaints()


def checked_categories(agency_ids) -> QuerySet:
    """The categories whose answers these agencies check before they reach the reporter."""
    from balai.complaints.models import Category  # noqa: PLC0415

    return Category.objects.filter(checker_id__in=agency_ids).values("pk")


def urgent_category_ids() -> list[int]:
    from balai.complaints.models import Category  # noqa: PLC0415

    return list(Category.objects.filter(is_urgent=True).values_list("pk", flat=True))


def submitted_between(qs: QuerySet[Complaint], date_from=None, date_to=None):
    """Cases received on the local days date_from..date_to, as an indexed range."""
    start, end = days_range(date_from, date_to, timezone.get_current_timezone())
    if start:
        qs = qs.filter(submitted_at__gte=start)
    if end:
        qs = qs.filter(submitted_at__lt=end)
    return qs


def complaint_get_for(*, user, pk: int) -> Complaint:
    """One complaint for staff, or 404: guessing another agency's id reveals nothing."""
    return complaint_scope(user).get(pk)


def public_complaints(*, category: str = "", kecamatan: str = "", status: str = "",
                      date_from=None, date_to=None) -> QuerySet[Complaint]:
    """Complaints the public may see: verified, not rahasia; never reporter identity."""
    qs = (_base().public()
          .defer("reporter_name", "reporter_email", "reporter_phone", "secret_hash"))
    if category:
        qs = qs.filter(category__code=category)
    if kecamatan:
        qs = qs.filter(kecamatan__code=kecamatan)
    if status:
        qs = qs.filter(status=status)
    return submitted_between(qs, date_from, date_to)


def complaint_by_code(code: str) -> Complaint:
    # Codes are made upper-case (ADU-2026-000123): an exact match uses the unique index,
    # where a case-insensitive one scans the table on PostgreSQL and SQLite alike.
    try:
        return _base().get(code=code.strip().upper())
    except Complaint.DoesNotExist:
        raise Http404 from None


def complaint_version(code: str) -> tuple[int, str, int, str] | None:
    """What a public page of the case depends on, in one narrow indexed read: id,
    updated_at (bumped by every visible change; as the database returns it, only ever
    compared), supporters_count and the secret's hash (to recognise the reporter's link
    without loading the case).

    Plain SQL on purpose: it runs on every view of a cached page, where compiling the
    ORM query cost ten times the query itself (270 µs against 21 µs on SQLite).
    """
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [code.strip().upper()])
        row = cursor.fetchone()
    # No spaces: a cache key must suit memcached too.
    return (row[0], str(row[1]).replace(" ", "T"), row[2], row[3]) if row else None


# The model's own table and columns (a test checks them against Complaint._meta).
_VERSION_SQL = ("SELECT id, updated_at, supporters_count, secret_hash "
                "FROM complaints_complaint WHERE code = %s")


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
    candidates = (_base().open().filter(category=category, is_confidential=False)
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


def roads_geojson() -> str:
    """The imported roads with their names, simplified (about 5 m) and cached: what the maps
    draw when the tile server cannot be reached, so a street can still be found by name."""
    import json  # noqa: PLC0415

    from django.core.cache import cache  # noqa: PLC0415
    from shapely.geometry import mapping, shape  # noqa: PLC0415

    from balai.geo.models import Road  # noqa: PLC0415

    stamp = Road.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    key = f"complaints:roads-geojson:{Road.objects.count()}:{stamp.timestamp() if stamp else 0}"
    cached = cache.get(key)
    if cached is None:
        features = []
        for name, geometry in Road.objects.order_by("name").values_list("name", "geometry"):
            if not geometry:
                continue
            line = shape(geometry).simplify(0.00005, preserve_topology=False)
            features.append({"type": "Feature", "properties": {"name": name},
                             "geometry": json.loads(json.dumps(mapping(line)),
                                                    parse_float=lambda v: round(float(v), 5))})
        cached = json.dumps({"type": "FeatureCollection", "features": features},
                            separators=(",", ":"))
        cache.set(key, cached, 3600)
    return cached


def overdue_before(today: date) -> date:
    """Due dates before this day are overdue today.

    A stage is overdue once a working day has passed after its due date (the sweep's
    `elapsed > total`), i.e. when the due date lies before the latest working day up to
    today.
    """
    calendar = get_work_calendar()
    day = today
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def staff_queue_for(*, user, status: str = "", category: str = "", kelurahan: str = "",
                    query: str = "", overdue: bool = False) -> QuerySet[Complaint]:
    """The staff member's working list: new cases for the desk, the agency's open cases;
    narrowed by status, category, kelurahan, overdue and a search (issue 11)."""
    scope = complaint_scope(user)
    qs = scope.complaints()
    if status:
        qs = qs.filter(status=status)
    elif not (query or overdue):
        # My queue: the desk's new cases; the agency's disposed cases still to answer.
        qs = (qs.filter(status=S.BARU) if scope.is_desk
              else qs.unanswered().exclude(status=S.BARU))
    if category:
        qs = qs.filter(category__code=category)
    if kelurahan:
        qs = qs.filter(kelurahan__code=kelurahan)
    if overdue:
        qs = qs.overdue(overdue_before(timezone.localdate()))
    if query:
        qs = qs.filter(_search_q(scope, query))
    return qs.order_by("submitted_at", "id")


def _search_q(scope: ComplaintScope, query: str) -> Q:
    """A code (as people type it), words of the title, or the reporter's e-mail or phone,
    the last only where this user may see who reported (never an anonymous reporter to the
    agency)."""
    text = query.strip()
    found = Q(code=code_normalise(text)) | Q(title__icontains=text)
    contact = Q(reporter_email__iexact=text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 8:
        contact |= Q(reporter_phone__endswith=digits.lstrip("0")[-9:])
    if scope.identity == IDENTITY_ALL:
        found |= contact
    elif scope.identity == IDENTITY_UNLESS_ANONYMOUS:
        found |= contact & Q(is_anonymous=False)
    return found


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


def overdue_verification_for(*, user, today=None) -> QuerySet[Complaint]:
    """New cases not verified by their due date, most overdue first."""
    today = today or timezone.localdate()
    return (complaint_list_for(user=user).filter(status__in=VERIFYING, verify_due__lt=today)
            .order_by("verify_due", "id"))


def overdue_followup_for(*, user, today=None) -> QuerySet[Complaint]:
    """Disposed cases not answered by their due date, most overdue first (the clock is
    paused while waiting for the reporter, so those are not overdue)."""
    today = today or timezone.localdate()
    return (complaint_list_for(user=user)
            .filter(status__in=FOLLOWING_UP, followup_due__lt=today)
            .order_by("followup_due", "id"))


def urgent_for(*, user) -> QuerySet[Complaint]:
    """Open complaints in urgent categories that `user` may see, newest first."""
    urgent = Q(category_id__in=urgent_category_ids(), status__in=UNANSWERED)
    # The team sees every urgent case (ComplaintScope.complaints), so its list needs no
    # OR with its own agency's cases: one condition the (category, status) index answers.
    scope = complaint_scope(user)
    base = _base() if scope.urgent_everywhere else scope.complaints()
    return base.filter(urgent).order_by("-submitted_at", "-id")


def complaint_statistics(*, date_from, date_to, today=None) -> dict:
    """Figures for the head of office over complaints received in [date_from, date_to]:
    totals by status and channel, and per agency received / answered / on time / overdue
    / average rating, and the most reported categories.

    The days the worker's roll-up holds as they are now are read from it (a year is a few
    tens of thousands of `PerformanceDay` rows, summed in SQL); the days with complaints
    changed since its last run (or every day, if it never ran) are counted from the
    complaints (a GROUP BY on agency, category, status and channel); the overdue cases,
    which depend on today, always are (one count over the running clocks' due dates)."""
    from django.db.models import Count, Sum  # noqa: PLC0415

    from balai.agencies.models import Agency  # noqa: PLC0415
    from balai.complaints.models import Category, PerformanceDay  # noqa: PLC0415
    from balai.complaints.rollup import stale_days  # noqa: PLC0415

    today = today or timezone.localdate()
    period = submitted_between(Complaint.objects.all(), date_from, date_to)
    stale = stale_days(date_from, date_to)
    by_status: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    by_category: dict[int, int] = {}
    agencies: dict[int, dict] = {}
    totals = {"overdue_now": 0, "rated_n": 0, "rating_sum": 0}

    def agency_row(agency_id: int) -> dict:
        return agencies.setdefault(agency_id, {
            "agency_id": agency_id, "received": 0, "answered": 0, "judged": 0, "on_time": 0,
            "overdue": 0, "rated": 0, "rating_sum": 0})

    def add(agency_id, category_id, status, channel, n, ans, ans_due, ontime, rated, rsum):
        if status:
            by_status[status] = by_status.get(status, 0) + n
        if channel:
            by_channel[channel] = by_channel.get(channel, 0) + n
        if category_id:
            by_category[category_id] = by_category.get(category_id, 0) + n
        if agency_id is None:
            return
        totals["rated_n"] += rated
        totals["rating_sum"] += rsum or 0
        if agency_id:  # 0 or None: not disposed yet
            row = agency_row(agency_id)
            row["received"] += n
            row["answered"] += ans
            row["judged"] += ans_due  # + the open ones past the deadline, below
            row["on_time"] += ontime
            row["rated"] += rated
            row["rating_sum"] += rsum or 0

    if stale is None:
        live = period
    else:
        days = Q(pk__in=[])
        for day in stale:
            start, end = days_range(day, day, timezone.get_current_timezone())
            days |= Q(submitted_at__gte=start, submitted_at__lt=end)
        live = period.filter(days)
        sums = [Sum(f) for f in ("received", "answered", "answered_with_due", "on_time",
                                 "rated", "rating_sum")]
        for kind, ref, code, n, ans, ans_due, ontime, rated, rsum in (
                PerformanceDay.objects.filter(
                    kind__in=["agency", "category", "status", "channel"],
                    day__gte=date_from, day__lte=date_to).exclude(day__in=stale)
                .order_by().values_list("kind", "ref_id", "code").annotate(*sums)):
            if kind == "agency":
                add(ref, None, "", "", n, ans, ans_due, ontime, rated, rsum)
            elif kind == "category":
                add(None, ref, "", "", n, 0, 0, 0, 0, 0)
            else:
                add(None, None, code if kind == "status" else "",
                    code if kind == "channel" else "", n, 0, 0, 0, 0, 0)
    if stale is None or stale:
        answered = Q(answered_at__isnull=False)
        with_due = answered & Q(followup_due__isnull=False)
        # The day of the answer is the office's: 06:35 WIB the day after is late.
        on_time = with_due & Q(answered_day__lte=F("followup_due"))
        for agency_id, category_id, status, channel, *counts in (
                live.alias(answered_day=TruncDate("answered_at",
                                                  tzinfo=timezone.get_current_timezone()))
                .order_by().values_list("agency_id", "category_id", "status", "channel")
                .annotate(n=Count("id"), answered=Count("id", filter=answered),
                          with_due=Count("id", filter=with_due),
                          on_time=Count("id", filter=on_time), rated=Count("rating"),
                          rating_sum=Sum("rating"))):
            add(agency_id or 0, category_id, status, channel, *counts)
    # The on-time share is judged on every case whose follow-up deadline has come: answered
    # (on time or late) or still open past it. Counting only the answered ones showed
    # "100 %" beside an agency's overdue cases.
    # One query per clock, each read from its own index alone (only indexed columns);
    # past the follow-up deadline and not answered yet is "late open".
    for statuses, due in CLOCKS:
        unanswered = Q(answered_at__isnull=True) if statuses == FOLLOWING_UP else Q(pk__in=[])
        for agency_id, overdue, late in (
                period.filter(status__in=statuses, **{f"{due}__lt": today}).order_by()
                .values_list("agency_id")
                .annotate(n=Count("submitted_at"),
                          late=Count("submitted_at", filter=unanswered))):
            totals["overdue_now"] += overdue
            if agency_id:
                row = agency_row(agency_id)
                row["overdue"] += overdue
                row["judged"] += late
    names = {a.pk: str(a) for a in Agency.objects.filter(pk__in=agencies)}
    for row in agencies.values():
        row["name"] = names.get(row["agency_id"], "?")
        row["on_time_pct"] = round(100 * row["on_time"] / row["judged"]) \
            if row["judged"] else None
        row["rating"] = row["rating_sum"] / row["rated"] if row["rated"] else None
    top = sorted(by_category.items(), key=lambda item: (-item[1], item[0]))[:10]
    category_names = dict(Category.objects.filter(pk__in=[pk for pk, _ in top])
                          .values_list("pk", "name"))
    return {
        "total": sum(by_status.values()),
        "by_status": [(label, by_status.get(value, 0)) for value, label in S.choices],
        "by_channel": [(label, by_channel[value]) for value, label
                       in Complaint.Channel.choices if by_channel.get(value)],
        "agencies": sorted(agencies.values(), key=lambda r: (-r["received"], r["name"])),
        "categories": sorted(({"category__name": category_names.get(pk, "?"), "n": n}
                              for pk, n in top), key=lambda r: (-r["n"],
                                                                r["category__name"])),
        "overdue_now": totals["overdue_now"],
        "rated_n": totals["rated_n"],
        "rated_avg": totals["rating_sum"] / totals["rated_n"] if totals["rated_n"] else None,
    }


def overdue_followup_by_agency(*, today: date) -> dict[int, int]:
    """How many disposed complaints each agency has past their follow-up due date (every
    agency, for public per-OPD scores: counts only, no case is shown)."""
    overdue = Complaint.objects.filter(status__in=FOLLOWING_UP, followup_due__lt=today)
    return dict(overdue.order_by().values("agency_id").annotate(n=models.Count("*"))
                .values_list("agency_id", "n"))
