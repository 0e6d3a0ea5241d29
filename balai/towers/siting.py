"""Whether a point may get a tower siting recommendation: pure rules, no ORM, no clock.

Kota Malang Perda 6/2013 Pasal 43: Diskominfo recommends a tower only inside a cell-plan
zone; prohibited zones (RTRW/RDTR) and airport safety zones (KKOP) keep towers out or
under a height; towers are shared (Permenkominfo 02/PER/M.KOMINFO/3/2008), so a request
near an existing tower is sent to share it first. Input is plain data (zones, the towers
near the point); the decision carries its facts and one sentence per rule, so the officer,
the company and the citizen on the "cek titik" page read why (like complaint routing).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import shapely
from django.utils.translation import gettext as _

EARTH_RADIUS_M = 6_371_008.8

ALLOWED, PROHIBITED, KKOP = "allowed", "prohibited", "kkop"


@dataclass(frozen=True)
class ZoneRule:
    name: str
    kind: str  # ALLOWED | PROHIBITED | KKOP
    legal_source: str
    max_height_m: float | None = None
    centre: tuple[float, float] | None = None  # (lat, lng) of a circle
    radius_m: float | None = None
    polygon: dict | None = None  # GeoJSON Polygon or MultiPolygon, lng/lat

    def contains(self, lat: float, lng: float) -> bool:
        if self.centre is not None and self.radius_m is not None:
            return distance_m(lat, lng, *self.centre) <= self.radius_m
        if self.polygon:
            return shapely.geometry.shape(self.polygon).covers(shapely.Point(lng, lat))
        return False


@dataclass(frozen=True)
class NearbyTower:
    code: str
    lat: float
    lng: float
    company: str
    height_m: float


@dataclass(frozen=True)
class SitingQuery:
    lat: float
    lng: float
    height_m: float | None = None  # the public check may leave it out
    site_type: str = ""


@dataclass(frozen=True)
class RuleOutcome:
    rule: str  # "allowed_zone" | "prohibited_zone" | "kkop" | "share_first" | "height_cap"
    passed: bool
    sentence: str
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SitingDecision:
    recommend: bool
    outcomes: tuple[RuleOutcome, ...]
    facts: dict = field(default_factory=dict)

    @property
    def sentences(self) -> list[str]:
        return [o.sentence for o in self.outcomes]

    @property
    def failed(self) -> list[str]:
        return [o.rule for o in self.outcomes if not o.passed]

    def as_dict(self) -> dict:
        """What a SitingRequest stores: the facts and sentences as they were decided."""
        return {"recommend": self.recommend, "facts": self.facts,
                "outcomes": [{"rule": o.rule, "passed": o.passed, "sentence": o.sentence,
                              "facts": o.facts} for o in self.outcomes]}


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def box_around(lat: float, lng: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) of a box holding the circle: a selector's
    index-friendly prefilter before the exact distance here."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlng = dlat / max(math.cos(math.radians(lat)), 0.01)
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def _metres(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _height(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def decide(*, query: SitingQuery, zones: Sequence[ZoneRule],
           towers: Sequence[NearbyTower], share_distance_m: float) -> SitingDecision:
    """Apply the four siting rules to a point; recommend only when every rule passes."""
    lat, lng = query.lat, query.lng
    allowed = [z for z in zones if z.kind == ALLOWED and z.contains(lat, lng)]
    prohibited = [z for z in zones if z.kind == PROHIBITED and z.contains(lat, lng)]
    kkop = [z for z in zones if z.kind == KKOP and z.contains(lat, lng)]
    outcomes = [_allowed_rule(allowed), _prohibited_rule(prohibited),
                _kkop_rule(kkop, query.height_m),
                _share_rule(lat, lng, towers, share_distance_m),
                _height_rule(allowed, query.height_m)]
    facts = {"lat": lat, "lng": lng, "height_m": query.height_m, "site_type": query.site_type,
             "share_distance_m": share_distance_m,
             "zones": [z.name for z in (*allowed, *prohibited, *kkop)]}
    return SitingDecision(recommend=all(o.passed for o in outcomes), outcomes=tuple(outcomes),
                          facts=facts)


def _allowed_rule(allowed: list[ZoneRule]) -> RuleOutcome:
    if not allowed:
        return RuleOutcome("allowed_zone", False, _(
            "The point is not inside any cell-plan zone: a recommendation is given only "
            "inside a cell-plan zone."))
    zone = allowed[0]
    return RuleOutcome("allowed_zone", True, _(
        "The point is inside the cell-plan zone %(zone)s (%(source)s).")
        % {"zone": zone.name, "source": zone.legal_source},
        {"zones": [z.name for z in allowed]})


def _prohibited_rule(prohibited: list[ZoneRule]) -> RuleOutcome:
    if prohibited:
        zone = prohibited[0]
        return RuleOutcome("prohibited_zone", False, _(
            "The point is inside the prohibited zone %(zone)s (%(source)s): no tower may be "
            "built there.") % {"zone": zone.name, "source": zone.legal_source},
            {"zones": [z.name for z in prohibited]})
    return RuleOutcome("prohibited_zone", True, _("The point is outside every prohibited zone."))


def _kkop_rule(kkop: list[ZoneRule], height_m: float | None) -> RuleOutcome:
    if not kkop:
        return RuleOutcome("kkop", True, _(
            "The point is outside the airport safety zones (KKOP)."))
    # Overlapping KKOP surfaces: one with no cap keeps every tower out; otherwise the
    # lowest cap of them binds, and the sentence names the zone that sets it.
    closed = [z for z in kkop if z.max_height_m is None]
    zone = closed[0] if closed else min(kkop, key=lambda z: z.max_height_m)
    names = {"zone": zone.name, "source": zone.legal_source}
    if closed:
        return RuleOutcome("kkop", False, _(
            "The point is inside the airport safety zone %(zone)s (%(source)s), where no "
            "tower may stand.") % names, {"zones": [z.name for z in kkop]})
    cap = zone.max_height_m
    facts = {"zones": [z.name for z in kkop], "cap_m": cap}
    if height_m is None:
        return RuleOutcome("kkop", False, _(
            "The point is inside the airport safety zone %(zone)s (%(source)s): a tower "
            "there may be at most %(cap)s m high; give the height to check it.")
            % {**names, "cap": _height(cap)}, facts)
    if height_m > cap:
        return RuleOutcome("kkop", False, _(
            "The point is inside the airport safety zone %(zone)s (%(source)s), where a "
            "tower may be at most %(cap)s m high; %(height)s m is too high.")
            % {**names, "cap": _height(cap), "height": _height(height_m)}, facts)
    return RuleOutcome("kkop", True, _(
        "The point is inside the airport safety zone %(zone)s (%(source)s); %(height)s m "
        "is within its limit of %(cap)s m.")
        % {**names, "cap": _height(cap), "height": _height(height_m)}, facts)


def _share_rule(lat: float, lng: float, towers: Sequence[NearbyTower],
                share_distance_m: float) -> RuleOutcome:
    nearest = min(towers, key=lambda t: distance_m(lat, lng, t.lat, t.lng), default=None)
    if nearest is None:
        return RuleOutcome("share_first", True, _(
            "No existing tower stands within %(limit)s m of the point.")
            % {"limit": _metres(share_distance_m)})
    dist = distance_m(lat, lng, nearest.lat, nearest.lng)
    facts = {"tower": nearest.code, "company": nearest.company, "distance_m": round(dist, 1)}
    if dist <= share_distance_m:
        return RuleOutcome("share_first", False, _(
            "Tower %(code)s of %(company)s stands %(distance)s m away, within %(limit)s m: "
            "the antennas must share that tower first.")
            % {"code": nearest.code, "company": nearest.company, "distance": _metres(dist),
               "limit": _metres(share_distance_m)}, facts)
    return RuleOutcome("share_first", True, _(
        "The nearest tower, %(code)s, stands %(distance)s m away, farther than %(limit)s m.")
        % {"code": nearest.code, "distance": _metres(dist),
           "limit": _metres(share_distance_m)}, facts)


def _height_rule(allowed: list[ZoneRule], height_m: float | None) -> RuleOutcome:
    caps = [z.max_height_m for z in allowed if z.max_height_m is not None]
    if not caps:
        return RuleOutcome("height_cap", True, _(
            "The cell-plan zone sets no height cap.") if allowed else _(
            "No height cap applies outside a cell-plan zone."))
    cap = min(caps)
    if height_m is None:
        return RuleOutcome("height_cap", True, _(
            "A tower here may be at most %(cap)s m high.") % {"cap": _height(cap)},
            {"cap_m": cap})
    if height_m > cap:
        return RuleOutcome("height_cap", False, _(
            "The requested height of %(height)s m is above the zone's cap of %(cap)s m.")
            % {"height": _height(height_m), "cap": _height(cap)}, {"cap_m": cap})
    return RuleOutcome("height_cap", True, _(
        "The requested height of %(height)s m is within the zone's cap of %(cap)s m.")
        % {"height": _height(height_m), "cap": _height(cap)}, {"cap_m": cap})
