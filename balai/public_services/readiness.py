"""How ready a service standard is for an Ombudsman compliance assessment (Peraturan
Ombudsman 17/2015; PermenPANRB 15/2014): which of the 14 components are missing, which
parts are stale, a score out of 100 and the assessment's zone. Pure: takes the standard's
text (standard.snapshot), its dates and today.

The Ombudsman scores compliance 0-100 and colours it: green (high, 81-100), yellow
(medium, 51-80), red (low, 0-50). Here each of the 14 components counts equally; a
standard never adopted by decree, or adopted more than REVIEW_YEARS ago, or drawn up
without a recorded public consultation (UU 25/2009 Pasal 20(2)) loses points, because an
assessor asks for those documents too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from balai.public_services import standard

# balai's own rule, not the law's: a standard not reviewed in this many years is stale
# (PermenPANRB 15/2014 asks for periodic evaluation without one figure).
REVIEW_YEARS = 3
PENALTY = 5  # points off for each stale part


@dataclass(frozen=True)
class Zone:
    code: str
    label: object
    floor: int  # the lowest score in the zone


ZONES = [
    Zone("hijau", _("Green zone (high compliance)"), 81),
    Zone("kuning", _("Yellow zone (medium compliance)"), 51),
    Zone("merah", _("Red zone (low compliance)"), 0),
]
STALE = {
    "no_decree": _("Not adopted by a decree"),
    "old_decree": _("Decree older than %(years)s years: review due"),
    "no_consultation": _("No public consultation recorded"),
}


@dataclass(frozen=True)
class Readiness:
    missing: list[standard.Component]
    stale: list[str]  # codes of STALE
    score: int
    zone: Zone

    @property
    def stale_labels(self) -> list:
        return [str(STALE[code]) % {"years": REVIEW_YEARS} for code in self.stale]


def zone_for(score: float) -> Zone:
    return next(z for z in ZONES if score >= z.floor)


def assess(snap: dict[str, str], *, decree_date: date | None,
           consultation_date: date | None, today: date) -> Readiness:
    missing = standard.missing(snap)
    stale = []
    if decree_date is None:
        stale.append("no_decree")
    elif _years_between(decree_date, today) >= REVIEW_YEARS:
        stale.append("old_decree")
    if consultation_date is None:
        stale.append("no_consultation")
    present = len(standard.COMPONENTS) - len(missing)
    score = max(0, round(100 * present / len(standard.COMPONENTS)) - PENALTY * len(stale))
    return Readiness(missing, stale, score, zone_for(score))


def _years_between(earlier: date, later: date) -> int:
    years = later.year - earlier.year
    return years - ((later.month, later.day) < (earlier.month, earlier.day))


@dataclass(frozen=True)
class AgencyReadiness:
    """One OPD's services taken together: the mean score and what is missing most."""

    score: int
    zone: Zone
    services: int
    by_zone: dict[str, int]
    most_missing: list[tuple[standard.Component, int]]  # component, services lacking it


def summarise(items: list[Readiness]) -> AgencyReadiness | None:
    if not items:
        return None
    score = round(sum(r.score for r in items) / len(items))
    by_zone = {z.code: sum(1 for r in items if r.zone.code == z.code) for z in ZONES}
    counts = {c.code: 0 for c in standard.COMPONENTS}
    for r in items:
        for c in r.missing:
            counts[c.code] += 1
    most = sorted(((c, counts[c.code]) for c in standard.COMPONENTS if counts[c.code]),
                  key=lambda pair: -pair[1])
    return AgencyReadiness(score, zone_for(score), len(items), by_zone, most)
