"""The transparency documents a pemda publishes for each budget year, and when each is due
(pure rules, no ORM).

The list is the IPKD evidence of transparency (Permendagri 19/2020, dimension 3), a superset of
the twelve documents of the TPAD menu (Inmendagri 188.52/1797/SJ/2012), in the order a budget
year meets them (reference/registries-and-portal.md §4). "Due" is the last day the planning
and budgeting rules allow for the step the document records (PP 12/2019 and its guide,
Permendagri 77/2020; Permendagri 86/2017 for the RKPD); a document published after it is late,
and one not published by then is missing. Each installation can publish a document earlier,
never claim it later than it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: object  # gettext_lazy
    # The due day relative to the budget year: (years after, month, day). The RKPD of 2026
    # is due at the end of June 2025: (-1, 6, 30).
    due: tuple[int, int, int]
    tpad: bool  # one of the twelve documents of the TPAD menu
    source: str


KINDS = (
    DocumentKind("rkpd", _("Regional government work plan (RKPD)"), (-1, 6, 30), False,
                 "Permendagri 86/2017"),
    DocumentKind("kua_ppas", _("KUA and PPAS (budget policy and provisional ceilings)"),
                 (-1, 8, 15), False, "PP 12/2019"),
    DocumentKind("rka_skpd", _("Summary of the agencies' work plans and budgets (RKA-SKPD)"),
                 (-1, 9, 30), True, "PP 12/2019"),
    DocumentKind("rka_ppkd", _("Summary of the finance office's work plan and budget "
                               "(RKA-PPKD)"), (-1, 9, 30), True, "PP 12/2019"),
    DocumentKind("raperda_apbd", _("Draft regional regulation on the budget (Raperda APBD)"),
                 (-1, 9, 30), True, "PP 12/2019"),
    DocumentKind("perda_apbd", _("Regional regulation on the budget (Perda APBD)"),
                 (-1, 12, 31), True, "PP 12/2019"),
    DocumentKind("penjabaran_apbd", _("Head of region's regulation detailing the budget "
                                      "(Perkada penjabaran APBD)"), (-1, 12, 31), False,
                 "PP 12/2019"),
    DocumentKind("dpa_skpd", _("Summary of the agencies' budget implementation documents "
                               "(DPA-SKPD)"), (0, 1, 31), True, "PP 12/2019"),
    DocumentKind("dpa_ppkd", _("Summary of the finance office's budget implementation "
                               "document (DPA-PPKD)"), (0, 1, 31), True,
                 "PP 12/2019"),
    DocumentKind("rup", _("General procurement plan (RUP)"), (0, 1, 31), False,
                 "Perpres 16/2018"),
    DocumentKind("lra_semester", _("First-semester budget realisation report"), (0, 7, 31),
                 False, "PP 12/2019"),
    DocumentKind("raperda_apbdp", _("Draft regional regulation on the budget change "
                                    "(Raperda APBD-P)"), (0, 9, 30), True,
                 "PP 12/2019"),
    DocumentKind("perda_apbdp", _("Regional regulation on the budget change (Perda APBD-P)"),
                 (0, 9, 30), True, "PP 12/2019"),
    DocumentKind("lra_skpd", _("Agencies' budget realisation reports (LRA-SKPD)"), (1, 3, 31),
                 True, "PP 12/2019"),
    DocumentKind("lra_ppkd", _("Finance office's budget realisation report (LRA-PPKD)"),
                 (1, 3, 31), True, "PP 12/2019"),
    DocumentKind("lkpd_audited", _("Audited regional financial statements (LKPD)"),
                 (1, 6, 30), True, "PP 12/2019"),
    DocumentKind("bpk_opinion", _("BPK audit opinion (LHP)"), (1, 6, 30), True,
                 "UU 15/2004"),
)
BY_CODE = {kind.code: kind for kind in KINDS}
CHOICES = [(kind.code, kind.label) for kind in KINDS]


def due_on(kind: DocumentKind, year: int) -> date:
    offset, month, day = kind.due
    return date(year + offset, month, day)


class State:
    PUBLISHED = "published"  # published on or before its due day
    LATE = "late"  # published after its due day
    MISSING = "missing"  # not published and its due day has passed
    NOT_DUE = "not_due"  # not published, not due yet


def state_of(kind: DocumentKind, year: int, *, published_on: date | None, today: date) -> str:
    """Where one document of one year stands on `today`."""
    due = due_on(kind, year)
    if published_on is not None and published_on <= today:
        return State.PUBLISHED if published_on <= due else State.LATE
    return State.MISSING if today > due else State.NOT_DUE
