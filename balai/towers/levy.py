"""The legacy tower levy (retribusi pengendalian menara telekomunikasi): pure date and money
rules, no ORM and no clock (reference/indonesia-rules.md §2.1–2.2).

Under UU 28/2009 and the PDRD-era Perdas: an SKRD is paid within 15 days of its issue; a
surat teguran may go out 7 days after the due date and gives 7 more days; an STRD bills
2 % interest a month on what is unpaid (a part of a month counts as a month); an objection
is filed within 2 months of the SKRD; collection lapses 3 years after the levy fell due,
and a surat teguran suspends that: the 3 years count again from the reminder. UU 1/2022
(HKPD) dropped the levy; these rules keep the ledger of what was assessed before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

PAY_WITHIN_DAYS = 15
REMINDER_AFTER_DAYS = 7
REMINDER_PAY_WITHIN_DAYS = 7
OBJECTION_MONTHS = 2
OBJECTION_DECISION_MONTHS = 6  # UU 28/2009 Pasal 163(1); deemed granted after (163(4))
LAPSE_YEARS = 3
INTEREST_PER_MONTH = Decimal("0.02")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)


def due_date(issued_on: date) -> date:
    return issued_on + timedelta(days=PAY_WITHIN_DAYS)


def reminder_from(due_on: date) -> date:
    """The first day a surat teguran may be sent."""
    return due_on + timedelta(days=REMINDER_AFTER_DAYS)


def reminder_pay_by(reminder_on: date) -> date:
    return reminder_on + timedelta(days=REMINDER_PAY_WITHIN_DAYS)


def objection_until(issued_on: date) -> date:
    return add_months(issued_on, OBJECTION_MONTHS)


def objection_decide_by(received_on: date) -> date:
    """The regional head decides an objection within 6 months of receiving it."""
    return add_months(received_on, OBJECTION_DECISION_MONTHS)


def lapses_on(issued_on: date, reminder_on: date | None = None) -> date:
    """The day collection lapses: 3 years from the SKRD, or from the last surat teguran."""
    start = max(issued_on, reminder_on) if reminder_on else issued_on
    return add_months(start, 12 * LAPSE_YEARS)


def months_late(due_on: date, today: date) -> int:
    """Whole months since the due date, a started month counting as one (0 on time)."""
    if today <= due_on:
        return 0
    months = (today.year - due_on.year) * 12 + today.month - due_on.month
    if add_months(due_on, months) < today:
        months += 1
    return max(months, 1)


def interest(unpaid: Decimal, due_on: date, today: date) -> Decimal:
    """The STRD's interest: 2 % a month of what is unpaid, to the rupiah."""
    return (unpaid * INTEREST_PER_MONTH * months_late(due_on, today)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Formula:
    """RPMT = tingkat penggunaan jasa × tarif (DJPK S-209/PK/2016): visits a year × the unit
    cost of one visit × the Perda's coefficients for zone, height, type and distance. Never
    a share of the NJOP (struck down by MK 46/PUU-XII/2014)."""

    visits: int
    unit_cost: Decimal
    zone: Decimal = Decimal(1)
    height: Decimal = Decimal(1)
    type: Decimal = Decimal(1)
    distance: Decimal = Decimal(1)

    @property
    def amount(self) -> Decimal:
        total = (Decimal(self.visits) * self.unit_cost * self.zone * self.height * self.type
                 * self.distance)
        return total.quantize(Decimal(1), rounding=ROUND_HALF_UP)

    @property
    def text(self) -> str:
        return (f"{self.visits} kunjungan × Rp{self.unit_cost:,.0f} × koef. zona {self.zone}"
                f" × koef. tinggi {self.height} × koef. jenis {self.type}"
                f" × koef. jarak {self.distance} = Rp{self.amount:,.0f}").replace(",", ".")

    def as_dict(self) -> dict:
        return {"visits": self.visits, "unit_cost": str(self.unit_cost), "zone": str(self.zone),
                "height": str(self.height), "type": str(self.type),
                "distance": str(self.distance)}
