"""The monthly publication score of an OPD: pure rules, no ORM, no clock.

The rubric is data (ComplianceItem rows, seeded with Kota Malang's KIP Award 2019
checklist: the berkala items of UU 14/2008 Pasal 9, ten points each). An item whose code
is in AUTOMATIC is judged from facts balai holds; every other item by a reviewer's latest
yes/no at or before the month. The score is the passed weight over the total, out of 100.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

NEWS_MAX_AGE_DAYS = 30  # activity news: a post in the last 30 days
DIP_MAX_AGE_DAYS = 183  # the DIP updated within six months
STANDARDS_FLOOR = 81  # service standards: the directory's green zone (readiness.ZONES)


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    weight: int
    automatic: bool


@dataclass(frozen=True)
class Facts:
    """What balai knows about one OPD on the day the month is judged."""

    last_post_on: date | None = None  # local date of the newest published post
    dip_updated_on: date | None = None  # local date of the newest change to its DIP
    standards_score: int | None = None  # public_services readiness, None: no service
    overdue_complaints: int = 0  # complaints past their follow-up due date
    has_contacts: bool = False  # address and a phone or e-mail on the agency
    reviews: dict[str, bool] = field(default_factory=dict)  # item code -> latest verdict


@dataclass(frozen=True)
class Result:
    item: Item
    passed: bool
    detail: str

    def as_json(self) -> dict:
        return {"code": self.item.code, "label": self.item.label,
                "weight": self.item.weight, "passed": self.passed,
                "how": "otomatis" if self.item.automatic else "penilai",
                "detail": self.detail}


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def judged_on(month: date, today: date) -> date:
    """A past month is judged on its last day; the running month on today."""
    return min(month_end(month), today)


def _news(f: Facts, on: date) -> tuple[bool, str]:
    if f.last_post_on is None:
        return False, _("Belum pernah menerbitkan berita.")
    age = (on - f.last_post_on).days
    return age <= NEWS_MAX_AGE_DAYS, _("Berita terakhir %(days)s hari lalu.") % {"days": age}


def _dip(f: Facts, on: date) -> tuple[bool, str]:
    if f.dip_updated_on is None:
        return False, _("Belum ada DIP.")
    age = (on - f.dip_updated_on).days
    return age <= DIP_MAX_AGE_DAYS, _("DIP terakhir diperbarui %(days)s hari lalu.") % {
        "days": age}


def _standards(f: Facts, on: date) -> tuple[bool, str]:
    if f.standards_score is None:
        return False, _("Belum ada standar pelayanan di direktori.")
    return f.standards_score >= STANDARDS_FLOOR, _(
        "Kesiapan standar pelayanan %(score)s dari 100.") % {"score": f.standards_score}


def _complaints(f: Facts, on: date) -> tuple[bool, str]:
    if f.overdue_complaints:
        return False, _("%(n)s pengaduan melewati batas waktu tindak lanjut.") % {
            "n": f.overdue_complaints}
    return True, _("Tidak ada pengaduan yang terlambat ditindaklanjuti.")


def _contacts(f: Facts, on: date) -> tuple[bool, str]:
    if f.has_contacts:
        return True, _("Alamat dan telepon atau surel tercantum.")
    return False, _("Alamat, telepon atau surel belum lengkap.")


AUTOMATIC: dict[str, Callable[[Facts, date], tuple[bool, str]]] = {
    "berita": _news,
    "dip": _dip,
    "standar-pelayanan": _standards,
    "pengaduan": _complaints,
    "kontak": _contacts,
}


def evaluate(items: Iterable[Item], facts: Facts, *, on: date) -> list[Result]:
    results = []
    for item in items:
        if item.automatic and item.code in AUTOMATIC:
            passed, detail = AUTOMATIC[item.code](facts, on)
        elif item.code in facts.reviews:
            passed = facts.reviews[item.code]
            detail = _("Dinilai petugas: ada.") if passed else _("Dinilai petugas: belum ada.")
        else:
            passed, detail = False, _("Belum dinilai.")
        results.append(Result(item, passed, detail))
    return results


def total(results: Iterable[Result]) -> int:
    results = list(results)
    weight = sum(r.item.weight for r in results)
    if not weight:
        return 0
    return round(100 * sum(r.item.weight for r in results if r.passed) / weight)
