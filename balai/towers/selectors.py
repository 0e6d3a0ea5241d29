"""Reads of tower data, scoped by who is looking (STYLE.md, Reads are selectors).

The tower officers (PETUGAS_MENARA) keep the registry; the head of office and the
administrators read it; every other persona is refused. The public reads a tower only
through its plate code, and never a company's contact person or a permit's scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from balai.accounts.models import Role
from balai.core.workflow import Transition
from balai.towers import levy, siting
from balai.towers.levy import add_months
from balai.towers.models import (
    BUILDING_PERMITS,
    Finding,
    Inspection,
    LevyAssessment,
    Permit,
    SitingRequest,
    Tower,
    TowerCompany,
    TowerReport,
    Zone,
)
from balai.towers.workflow import OFFICER, SITING_WORKFLOW

READ_ALL_ROLES = {Role.KEPALA_DINAS, Role.ADMIN}


@dataclass(frozen=True)
class TowerScope:
    """What a user may do in the tower service."""

    is_officer: bool = False  # keeps the registry, decides requests, inspects
    reads_all: bool = False  # head of office, administrators

    @property
    def is_staff(self) -> bool:
        return self.is_officer or self.reads_all

    @property
    def sides(self) -> frozenset[str]:
        return frozenset({OFFICER}) if self.is_officer else frozenset()

    def may(self, action: str) -> bool:
        return action in SITING_WORKFLOW and bool(SITING_WORKFLOW[action].sides & self.sides)

    def siting_actions(self, req: SitingRequest) -> list[Transition]:
        return SITING_WORKFLOW.offered(req.status, self.sides)


def tower_scope(user) -> TowerScope:
    if not getattr(user, "is_authenticated", False):
        return TowerScope()
    if user.role == Role.PETUGAS_MENARA:
        return TowerScope(is_officer=True)
    if user.is_superuser or user.role in READ_ALL_ROLES:
        return TowerScope(reads_all=True)
    return TowerScope()


def _staff_only(user) -> None:
    if not tower_scope(user).is_staff:
        raise Http404


def has_building_permit() -> Exists:
    return Exists(Permit.objects.filter(tower=OuterRef("pk"), kind__in=BUILDING_PERMITS))


def tower_list_for(*, user, q: str = "", status: str = "", site_type: str = "",
                   company: int | None = None, kelurahan: str = "",
                   without_pbg: bool = False) -> QuerySet[Tower]:
    """The registry as staff filter it, in plate-code order (an indexed order)."""
    _staff_only(user)
    qs = tower_search(Tower.objects.select_related("company", "kelurahan"), q)
    if status:
        qs = qs.filter(status=status)
    if site_type:
        qs = qs.filter(site_type=site_type)
    if company:
        qs = qs.filter(company_id=company)
    if kelurahan:
        qs = qs.filter(kelurahan__code=kelurahan)
    if without_pbg:
        qs = qs.filter(~has_building_permit())
    return qs.order_by("code")


def tower_search(qs: QuerySet[Tower], q: str) -> QuerySet[Tower]:
    """Towers whose code, name, address or company holds every word of `q` (a trigram index
    on PostgreSQL, migration 0004); a plate code typed whole is one indexed lookup."""
    exact = q.strip().upper()
    if exact and " " not in exact and Tower.objects.filter(code=exact).exists():
        return qs.filter(code=exact)
    for word in q.split()[:6]:
        # The few companies a word names, as literal ids: no join per row scanned.
        owners = list(TowerCompany.objects.filter(name__icontains=word)
                      .values_list("pk", flat=True)[:200])
        qs = qs.filter(Q(code__icontains=word) | Q(name__icontains=word)
                       | Q(address__icontains=word) | Q(company_id__in=owners))
    return qs


def tower_get_for(*, user, pk: int) -> Tower:
    _staff_only(user)
    tower = Tower.objects.select_related("company", "kelurahan").filter(pk=pk).first()
    if tower is None:
        raise Http404
    return tower


def tower_public_by_code(code: str) -> Tower:
    """The tower a QR plate names; planned towers have no plate yet."""
    tower = (Tower.objects.select_related("company", "kelurahan")
             .exclude(status=Tower.Status.PLANNED).filter(code=code.strip().upper()).first())
    if tower is None:
        raise Http404
    return tower


def permit_status(tower: Tower) -> dict:
    """The permits a public page may state: which kinds are on record (never the scans)."""
    kinds = set(tower.permits.values_list("kind", flat=True))
    return {"building": bool(kinds & set(BUILDING_PERMITS)),
            "slf": Permit.Kind.SLF in kinds, "kkpr": Permit.Kind.KKPR in kinds}


def tower_reports(tower: Tower, *, public: bool = False) -> list[TowerReport]:
    """The complaints filed about the tower, newest first; for the public page only those
    whose tracking page anyone may open and that the desk has verified (nothing
    unmoderated is published)."""
    links = list(tower.reports.select_related("complaint").order_by("-created_at", "-pk"))
    if public:
        links = [r for r in links if r.complaint.has_public_page and r.complaint.status != "baru"]
    return links


def company_list() -> QuerySet[TowerCompany]:
    return TowerCompany.objects.order_by("name")


def kelurahan_choices() -> list[tuple[str, str]]:
    """Every kelurahan and desa (a few hundred rows), not a scan of the registry for the
    ones that hold towers."""
    from balai.geo.models import Area  # noqa: PLC0415

    return list(Area.objects.filter(level__in=[Area.Level.KELURAHAN, Area.Level.DESA])
                .order_by("name").values_list("code", "name"))


# --- siting ----------------------------------------------------------------------------

def zone_rules() -> list[siting.ZoneRule]:
    rules = []
    for z in Zone.objects.filter(is_active=True):
        rules.append(siting.ZoneRule(
            name=z.name, kind=z.kind, legal_source=z.legal_source,
            max_height_m=float(z.max_height_m) if z.max_height_m is not None else None,
            centre=(z.centre_lat, z.centre_lng) if z.radius_m else None,
            radius_m=float(z.radius_m) if z.radius_m else None, polygon=z.polygon))
    return rules


def towers_near(lat: float, lng: float, radius_m: float) -> list[siting.NearbyTower]:
    """The standing towers (all but dismantled) within `radius_m`, from an indexed box."""
    min_lat, max_lat, min_lng, max_lng = siting.box_around(lat, lng, radius_m)
    rows = (Tower.objects.exclude(status=Tower.Status.DISMANTLED)
            .filter(lat__range=(min_lat, max_lat), lng__range=(min_lng, max_lng))
            .values_list("code", "lat", "lng", "company__name", "height_m"))
    return [siting.NearbyTower(code=c, lat=a, lng=o, company=n, height_m=float(h))
            for c, a, o, n, h in rows
            if siting.distance_m(lat, lng, a, o) <= radius_m]


def siting_assess(*, lat: float, lng: float, height_m: float | None,
                  site_type: str = "") -> siting.SitingDecision:
    """The rule engine on the zones in force and the towers standing now."""
    share = float(settings.TOWERS_SHARE_DISTANCE_M)
    return siting.decide(
        query=siting.SitingQuery(lat=lat, lng=lng, height_m=height_m, site_type=site_type),
        zones=zone_rules(), towers=towers_near(lat, lng, share), share_distance_m=share)


def siting_list_for(*, user, status: str = "") -> QuerySet[SitingRequest]:
    _staff_only(user)
    qs = SitingRequest.objects.select_related("company", "kelurahan", "letter")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def siting_get_for(*, user, pk: int) -> SitingRequest:
    _staff_only(user)
    req = (SitingRequest.objects.select_related("company", "kelurahan", "letter__number")
           .filter(pk=pk).first())
    if req is None:
        raise Http404
    return req


def zones_geojson() -> dict:
    """The zones in force, for the public map: circles as points with a radius."""
    features = []
    for z in Zone.objects.filter(is_active=True):
        props = {"name": z.name, "kind": z.kind, "legal_source": z.legal_source,
                 "max_height_m": float(z.max_height_m) if z.max_height_m else None}
        if z.polygon:
            features.append({"type": "Feature", "geometry": z.polygon, "properties": props})
        else:
            features.append({"type": "Feature", "properties": {**props, "radius_m": z.radius_m},
                             "geometry": {"type": "Point",
                                          "coordinates": [z.centre_lng, z.centre_lat]}})
    return {"type": "FeatureCollection", "features": features}


# --- inspections -----------------------------------------------------------------------

def inspection_round(*, user, today, months: int | None = None) -> QuerySet[Tower]:
    """The towers due for a visit: standing towers never inspected, then those not inspected
    for `months` (TOWERS_INSPECTION_MONTHS), the longest first."""
    _staff_only(user)
    months = settings.TOWERS_INSPECTION_MONTHS if months is None else months
    since = add_months(today, -months)
    return (Tower.objects.select_related("company", "kelurahan")
            .filter(status__in=[Tower.Status.ACTIVE, Tower.Status.ILLEGAL])
            .filter(Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=since))
            .order_by(F("last_inspected_on").asc(nulls_first=True), "code"))


def field_towers() -> list[dict]:
    """What the phone page keeps to find a tower offline: code, name and point."""
    return [{"code": c, "name": n, "lat": a, "lng": o} for c, n, a, o in
            Tower.objects.exclude(status__in=[Tower.Status.PLANNED, Tower.Status.DISMANTLED])
            .order_by("code").values_list("code", "name", "lat", "lng")]


def tower_by_code(code: str) -> Tower | None:
    return Tower.objects.filter(code=code.strip().upper()).first()


def inspection_get_for(*, user, pk: int) -> Inspection:
    _staff_only(user)
    row = (Inspection.objects.select_related("tower__company", "tower__kelurahan", "inspector")
           .filter(pk=pk).first())
    if row is None:
        raise Http404
    return row


def findings_for(*, user, status: str = "", overdue_on=None) -> QuerySet[Finding]:
    _staff_only(user)
    qs = Finding.objects.select_related("tower", "notice__number", "inspection")
    qs = qs.filter(status=status) if status else qs.exclude(status=Finding.Status.RESOLVED)
    if overdue_on:
        qs = qs.filter(status=Finding.Status.NOTIFIED, due_on__lt=overdue_on)
    return qs.order_by("due_on", "pk")


# --- levy ledger ------------------------------------------------------------------------

def levy_list_for(*, user, status: str = "") -> QuerySet[LevyAssessment]:
    _staff_only(user)
    qs = LevyAssessment.objects.select_related("tower", "company")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_on", "-pk")


def levy_get_for(*, user, pk: int) -> LevyAssessment:
    _staff_only(user)
    row = (LevyAssessment.objects.select_related("tower", "company", "letter__number",
                                                 "reminder_letter__number")
           .filter(pk=pk).first())
    if row is None:
        raise Http404
    return row


def arrears_by_company(*, today) -> list[dict]:
    """Unpaid principal and the interest to date (2 % a month) per company, largest first."""
    totals: dict[int, dict] = {}
    rows = (LevyAssessment.objects.filter(status=LevyAssessment.Status.UNPAID)
            .select_related("company").only("company__name", "amount", "paid_amount",
                                            "due_on", "reminder_on"))
    for row in rows:
        entry = totals.setdefault(row.company_id, {
            "company": row.company, "count": 0, "unpaid": 0, "interest": 0, "overdue": 0})
        entry["count"] += 1
        entry["unpaid"] += row.unpaid
        entry["interest"] += levy.interest(row.unpaid, row.due_on, today)
        entry["overdue"] += row.due_on < today
    return sorted(totals.values(), key=lambda e: -e["unpaid"])


# --- dashboard --------------------------------------------------------------------------

# A tower built this far from its recommended point stands off it; further than the
# search radius it is taken for another tower.
OFF_RECOMMENDED_M = 50.0
BUILT_SEARCH_M = 300.0


def recommendation_gaps(*, today) -> dict:
    """Recommended points with no tower built on them once the recommendation expired, and
    towers of the same company built near but off their recommended point."""
    expired, off_point = [], []
    requests = (SitingRequest.objects.filter(status=SitingRequest.Status.RECOMMENDED)
                .select_related("company"))
    for req in requests:
        near = [t for t in towers_near(req.lat, req.lng, BUILT_SEARCH_M)
                if t.company == req.company.name]
        nearest = min(near, key=lambda t: siting.distance_m(req.lat, req.lng, t.lat, t.lng),
                      default=None)
        if nearest is not None:
            dist = siting.distance_m(req.lat, req.lng, nearest.lat, nearest.lng)
            if dist > OFF_RECOMMENDED_M:
                off_point.append({"request": req, "tower": nearest.code,
                                  "distance_m": round(dist)})
                continue
            has_pbg = Permit.objects.filter(tower__code=nearest.code,
                                            kind__in=BUILDING_PERMITS).exists()
            if has_pbg:
                continue
        if req.valid_until and req.valid_until < today:
            expired.append(req)
    return {"expired": expired, "off_point": off_point}


def tower_dashboard(*, user, today) -> dict:
    """The figures of the tower dashboard, each one query (or one pass over few rows)."""
    _staff_only(user)
    by_status = dict(Tower.objects.values_list("status").annotate(n=Count("id")))
    active = Tower.objects.filter(status=Tower.Status.ACTIVE)
    return {
        "by_status": [(value, label, by_status.get(value, 0))
                      for value, label in Tower.Status.choices],
        "without_pbg": active.filter(~has_building_permit()).count(),
        "gaps": recommendation_gaps(today=today),
        "off_point": (Inspection.objects.filter(off_point=True)
                      .select_related("tower").order_by("-inspected_at")[:20]),
        "round_due": inspection_round(user=user, today=today).count(),
        "findings_open": Finding.objects.exclude(status=Finding.Status.RESOLVED).count(),
        "findings_overdue": Finding.objects.filter(status=Finding.Status.NOTIFIED,
                                                   due_on__lt=today).count(),
        "arrears": arrears_by_company(today=today),
        "map": [{"id": i, "code": c, "lat": a, "lng": o, "status": s} for i, c, a, o, s in
                Tower.objects.values_list("pk", "code", "lat", "lng", "status")],
    }


def towers_public() -> QuerySet[Tower]:
    """Every tower with a public page (planned towers have none yet), for the sitemap."""
    return Tower.objects.exclude(status=Tower.Status.PLANNED).order_by("code")
