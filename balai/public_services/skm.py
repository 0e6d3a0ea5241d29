"""The satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): its nine
elements (unsur) with the regulation's wording for each answer, and the index (IKM) as its
annex computes it. Pure: no ORM, no clock.

    NRR per element      = sum of the element's scores / number of respondents
    weighted NRR         = NRR x weight, the weight 1/9 (equal for the nine elements)
    IKM of the unit      = sum of the weighted NRRs (1.00 - 4.00)
    converted IKM        = IKM x 25 (25.00 - 100.00)
    quality of service   = A 88.31-100.00 Sangat Baik, B 76.61-88.30 Baik,
                           C 65.00-76.60 Kurang Baik, D 25.00-64.99 Tidak Baik

The annex prints the weight rounded to 0.11; the weight here is 1/9 exactly, so a unit
whose every answer is 4 reads 100.00, not 99.00.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Element:
    code: str  # u1 ... u9, the model's field
    name: object
    question: object
    answers: tuple  # the wording of scores 1, 2, 3, 4


ELEMENTS: tuple[Element, ...] = (
    Element("u1", _("Requirements"),
            _("How well do the requirements fit the kind of service?"),
            (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))),
    Element("u2", _("System, mechanism and procedure"),
            _("How easy is the procedure of this service?"),
            (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy"))),
    Element("u3", _("Completion time"),
            _("How fast was the service given?"),
            (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast"))),
    Element("u4", _("Cost or tariff"),
            _("How fair is the cost or tariff of the service?"),
            (_("Very expensive"), _("Rather expensive"), _("Cheap"),
             pgettext_lazy("SKM answer", "Free of charge"))),
    Element("u5", _("Product: specification of the kind of service"),
            _("Does the product you received match what the service standard says?"),
            (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))),
    Element("u6", _("Competence of the officers"),
            _("How competent were the officers who served you?"),
            (_("Not competent"), _("Less competent"), _("Competent"),
             _("Very competent"))),
    Element("u7", _("Conduct of the officers"),
            _("How polite and friendly were the officers?"),
            (_("Not polite and friendly"), _("Less polite and friendly"),
             _("Polite and friendly"), _("Very polite and friendly"))),
    Element("u8", _("Handling of complaints, suggestions and feedback"),
            _("How are complaints from service users handled?"),
            (_("There is none"), _("There is one, but it does not work"),
             _("It works, but not fully"), _("It is well managed"))),
    Element("u9", _("Facilities"),
            _("What do you think of the quality of the facilities?"),
            (_("Poor"), _("Fair"), _("Good"), _("Very good"))),
)
CODES = tuple(e.code for e in ELEMENTS)
WEIGHT = Fraction(1, len(ELEMENTS))

# The grades on the converted scale (lower bound, grade, label), best first.
GRADES = (
    (Decimal("88.31"), "A", pgettext_lazy("SKM grade", "Very good")),
    (Decimal("76.61"), "B", pgettext_lazy("SKM grade", "Good")),
    (Decimal("65.00"), "C", pgettext_lazy("SKM grade", "Less than good")),
    (Decimal("25.00"), "D", pgettext_lazy("SKM grade", "Not good")),
)

# Below this many respondents in a year the index is shown as "too few responses". One
# respondent moves the converted index by up to 75 / n points (from all 1s to all 4s):
# 2.5 points at 30, a fifth of the width of grade B (76.61-88.30); and 30 is the
# smallest sample Krejcie and Morgan's table (which the regulation's annex uses) gives
# for a service with more than about 32 users a year.
MIN_RESPONDENTS = 30

# The respondent's optional profile the regulation's questionnaire asks for.
AGE_BANDS = (("<25", "< 25"), ("25-34", "25–34"), ("35-44", "35–44"), ("45-54", "45–54"),
             ("55+", "≥ 55"))
SEXES = (("L", _("Male")), ("P", _("Female")))
EDUCATION = (("SD", _("Primary school or lower")), ("SMP", _("Junior high school")),
             ("SMA", _("Senior high school")), ("D", _("Diploma (D1–D4)")),
             ("S1", _("Bachelor (S1)")), ("S2", _("Master or doctorate (S2/S3)")))
OCCUPATIONS = (("PNS", _("Civil servant")), ("TNI", "TNI"), ("POLRI", "POLRI"),
               ("SWASTA", _("Private employee")), ("WIRAUSAHA", _("Self-employed")),
               ("LAINNYA", _("Other")))


@dataclass(frozen=True)
class Index:
    respondents: int
    nrr: tuple[Decimal, ...]  # per element, 1.00-4.00 (two decimals)
    weighted: tuple[Decimal, ...]  # NRR x 1/9 (four decimals)
    value: Decimal  # IKM of the unit, 1.0000-4.0000
    converted: Decimal  # x 25, 25.00-100.00
    grade: str
    label: object

    @property
    def enough(self) -> bool:
        return self.respondents >= MIN_RESPONDENTS


def _round(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade_bands() -> list[tuple[Decimal, Decimal, str, object]]:
    """(lowest, highest, grade, label) of each grade on the converted scale, best first."""
    uppers = [Decimal("100.00")] + [lower - Decimal("0.01") for lower, _g, _l in GRADES]
    return [(lower, upper, grade, label)
            for (lower, grade, label), upper in zip(GRADES, uppers, strict=False)]


def grade_of(converted: Decimal) -> tuple[str, object]:
    """The quality of service for a converted index (two decimals)."""
    for lower, grade, label in GRADES:
        if converted >= lower:
            return grade, label
    raise ValueError(f"converted IKM below 25: {converted}")


def index_from_sums(sums: Sequence[int], respondents: int) -> Index | None:
    """The IKM from each element's sum of scores over `respondents` full answers; None
    when nobody answered. Exact fractions until the figures are printed."""
    if len(sums) != len(ELEMENTS):
        raise ValueError("one sum per element")
    if respondents <= 0:
        return None
    if any(not respondents <= s <= 4 * respondents for s in sums):
        raise ValueError("every score is 1 to 4")
    nrr = [Fraction(s, respondents) for s in sums]
    value = sum((n * WEIGHT for n in nrr), Fraction(0))
    converted = _round(value * 25, 2)
    grade, label = grade_of(converted)
    return Index(respondents=respondents, nrr=tuple(_round(n, 2) for n in nrr),
                 weighted=tuple(_round(n * WEIGHT, 4) for n in nrr),
                 value=_round(value, 4), converted=converted, grade=grade, label=label)


def index_of(answers: Iterable[Sequence[int]]) -> Index | None:
    """The IKM of a list of questionnaires, each nine scores of 1 to 4."""
    sums, n = [0] * len(ELEMENTS), 0
    for row in answers:
        if len(row) != len(ELEMENTS):
            raise ValueError("nine scores per questionnaire")
        n += 1
        for i, score in enumerate(row):
            sums[i] += score
    return index_from_sums(sums, n)
