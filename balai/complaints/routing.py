"""Which agency handles a complaint: pure rules, no ORM and no clock (DESIGN.md §4).

Input is plain data (the category's rule, the place as located, the area overrides);
output is a decision that carries its facts and a human explanation, so staff and the
citizen can see why a case went where it went. Ambiguous places are flagged, never
silently guessed: the verifikator confirms or overrides with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

ROAD_STATUSES = ("nasional", "provinsi", "kabupaten", "kota", "desa")


@dataclass(frozen=True)
class RoadCandidate:
    code: str
    name: str
    status: str
    agency_code: str | None
    distance_m: float
    legal_basis: str = ""


@dataclass(frozen=True)
class Place:
    """Where the pin is: the area chain's codes and the roads within the threshold."""

    inside: bool
    kelurahan_code: str = ""
    kelurahan_name: str = ""
    kecamatan_code: str = ""
    kecamatan_name: str = ""
    roads: tuple[RoadCandidate, ...] = ()  # nearest first, all within the threshold
    boundary_distance_m: float | None = None  # distance from the pin to its kelurahan's edge


@dataclass(frozen=True)
class CategoryRule:
    code: str
    name: str
    agency_code: str | None  # the default handler of the category
    is_road: bool = False  # road-type: the road's status decides the level


@dataclass(frozen=True)
class AreaOverride:
    """Category + kecamatan/kelurahan → a specific agency (e.g. a UPT)."""

    category_code: str
    area_code: str
    agency_code: str


@dataclass(frozen=True)
class Subject:
    """What the report is about when an agency answers for it: a listed public service
    ("Adukan layanan ini" on its page) belongs to its OPD."""

    label: str
    agency_code: str


@dataclass(frozen=True)
class RoutingDecision:
    agency_code: str | None
    rule: str  # "area_override" | "road_status" | "category" | "none"
    facts: dict = field(default_factory=dict)
    explanation: str = ""
    ambiguous: bool = False
    reasons: tuple[str, ...] = ()


# A pin this close to a kelurahan boundary may belong to the neighbour: our polygons are
# simplified and neighbours overlap or leave slivers (see the data README).
BOUNDARY_MARGIN_M = 10.0


def route(
    *,
    category: CategoryRule,
    place: Place,
    overrides: Sequence[AreaOverride] = (),
    road_agencies: Mapping[str, str] | None = None,
    agency_names: Mapping[str, str] | None = None,
    boundary_margin_m: float = BOUNDARY_MARGIN_M,
    subject: Subject | None = None,
) -> RoutingDecision:
    """Decide the handling agency for a complaint of `category` at `place`.

    Order: a complaint about something an agency answers for (a listed service) goes to
    that agency; then an area override for the category wins; then, for road categories,
    the nearest road's status (its own agency, or the default for that status); then the
    category's default agency.
    """
    names = agency_names or {}
    facts: dict = {
        "category": category.code,
        "kelurahan": place.kelurahan_code,
        "kelurahan_name": place.kelurahan_name,
        "kecamatan": place.kecamatan_code,
        "kecamatan_name": place.kecamatan_name,
    }
    reasons: list[str] = []
    if not place.inside:
        return RoutingDecision(
            agency_code=None, rule="none", facts=facts,
            explanation=_("The pin lies outside this installation's territory."),
            ambiguous=True, reasons=(_("outside the territory"),),
        )
    if place.boundary_distance_m is not None and place.boundary_distance_m < boundary_margin_m:
        facts["boundary_distance_m"] = round(place.boundary_distance_m, 1)
        reasons.append(_("the pin is %(m)s m from the boundary of kelurahan %(name)s")
                       % {"m": round(place.boundary_distance_m, 1),
                          "name": place.kelurahan_name})

    if subject is not None and subject.agency_code:
        return RoutingDecision(
            agency_code=subject.agency_code, rule="asset",
            facts={**facts, "subject": subject.label},
            explanation=_("The complaint is about %(subject)s, which %(agency)s provides.")
            % {"subject": subject.label,
               "agency": names.get(subject.agency_code, subject.agency_code)},
        )

    override = _find_override(category.code, place, overrides)
    if override is not None:
        return RoutingDecision(
            agency_code=override.agency_code, rule="area_override",
            facts={**facts, "override_area": override.area_code},
            explanation=_("Complaints about %(category)s in %(area)s are handled by "
                          "%(agency)s (area rule).")
            % {"category": category.name, "area": _area_label(override.area_code, place),
               "agency": names.get(override.agency_code, override.agency_code)},
            ambiguous=bool(reasons), reasons=tuple(reasons),
        )

    if category.is_road and place.roads:
        road = place.roads[0]
        others = [r for r in place.roads[1:] if r.code != road.code]
        if others:
            reasons.append(_("%(n)s roads lie within the distance threshold: %(names)s")
                           % {"n": 1 + len(others),
                              "names": ", ".join(r.name for r in (road, *others))})
        agency = road.agency_code or (road_agencies or {}).get(road.status)
        facts.update(road=road.code, road_name=road.name, road_status=road.status,
                     road_distance_m=round(road.distance_m, 1), road_legal_basis=road.legal_basis,
                     other_roads=[r.code for r in others])
        if agency:
            basis = f" ({road.legal_basis})" if road.legal_basis else ""
            return RoutingDecision(
                agency_code=agency, rule="road_status", facts=facts,
                explanation=_("%(road)s is a %(status)s road%(basis)s, %(m)s m from the pin; "
                              "it is handled by %(agency)s.")
                % {"road": road.name, "status": road_status_label(road.status),
                   "basis": basis, "m": round(road.distance_m),
                   "agency": names.get(agency, agency)},
                ambiguous=bool(reasons), reasons=tuple(reasons),
            )
        reasons.append(_("no agency is configured for %(status)s roads")
                       % {"status": road_status_label(road.status)})
    elif category.is_road:
        facts["road"] = None
        reasons.append(_("no road within the distance threshold"))

    if category.agency_code:
        return RoutingDecision(
            agency_code=category.agency_code, rule="category", facts=facts,
            explanation=_("Complaints about %(category)s are handled by %(agency)s.")
            % {"category": category.name,
               "agency": names.get(category.agency_code, category.agency_code)},
            ambiguous=bool(reasons), reasons=tuple(reasons),
        )
    reasons.append(_("the category has no default agency"))
    return RoutingDecision(
        agency_code=None, rule="none", facts=facts,
        explanation=_("No rule decides the agency; the verifier will choose."),
        ambiguous=True, reasons=tuple(reasons),
    )


def road_status_label(status: str) -> str:
    return {
        "nasional": _("national"), "provinsi": _("provincial"), "kabupaten": _("regency"),
        "kota": _("city"), "desa": _("village"),
    }.get(status, status)


def _find_override(category_code: str, place: Place,
                   overrides: Sequence[AreaOverride]) -> AreaOverride | None:
    # The most specific area wins: a kelurahan rule beats a kecamatan rule.
    for area_code in (place.kelurahan_code, place.kecamatan_code):
        if not area_code:
            continue
        for rule in overrides:
            if rule.category_code == category_code and rule.area_code == area_code:
                return rule
    return None


def _area_label(code: str, place: Place) -> str:
    if code == place.kelurahan_code:
        return _("kelurahan %(name)s") % {"name": place.kelurahan_name}
    if code == place.kecamatan_code:
        return _("kecamatan %(name)s") % {"name": place.kecamatan_name}
    return code
