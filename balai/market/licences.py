"""The licence rules of the UMKM market, pure (no ORM, no clock: `today` is an argument).

Each finding carries its legal source, shown to the seller in Bahasa Indonesia:
- Halal: UU 33/2014 Pasal 4 (products traded in Indonesia are halal-certified) and the
  staging in PP 39/2021 Pasal 140, extended by PP 42/2024 Pasal 160: for food and drink
  from micro and small businesses the staging ends on 17 October 2026, so from 18 October
  2026 such listings need a halal certificate number (the free self-declare route is open
  to them).
- P-IRT: PerBPOM 22/2018: the number has at least 15 digits, the last two the year it
  expires (valid 5 years); once that year is over the badge is hidden and the seller told.
- NIB: the business number from OSS (PP 5/2021), 13 digits.
- BPOM MD: processed food from medium and large businesses is registered with BPOM instead
  of a P-IRT (PerBPOM 27/2017).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

FOOD = "makanan_minuman"
MICRO, SMALL, MEDIUM = "mikro", "kecil", "menengah"
HALAL_STAGING_ENDS = date(2026, 10, 17)  # PP 42/2024: micro and small food and drink
HALAL_NOTICE_DAYS = 90  # warn the seller this long before the rule starts

SOURCE_HALAL = _("UU 33/2014 Pasal 4; PP 39/2021 Pasal 140 as amended by PP 42/2024 "
                 "(halal staging for micro and small food and drink ends 17 October 2026)")
SOURCE_PIRT = _("PerBPOM 22/2018 on the P-IRT: the last two digits are the year it expires; "
                "valid 5 years")
SOURCE_NIB = _("PP 5/2021 (OSS): the NIB has 13 digits")


@dataclass(frozen=True)
class Pirt:
    number: str  # digits only
    packaging: str  # digit 1
    food_type: str  # digits 2-3
    region: str  # digits 4-7, the kab/kota
    product: str  # digits 8-9
    producer: str  # digits 10-13, the IRTP
    expiry_year: int  # digits 14-15


def parse_pirt(text: str) -> Pirt | None:
    """A P-IRT number as sellers write it ("P-IRT No. 2063573010123-27"), or None."""
    digits = re.sub(r"\D", "", text or "")
    if len(digits) < 15:
        return None
    return Pirt(number=digits, packaging=digits[0], food_type=digits[1:3],
                region=digits[3:7], product=digits[7:9], producer=digits[9:13],
                expiry_year=2000 + int(digits[13:15]))


def nib_is_valid(text: str) -> bool:
    return bool(re.fullmatch(r"\d{13}", (text or "").strip()))


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    source: str
    blocks: bool = False  # the listing cannot go live while it stands


@dataclass
class LicenceCheck:
    badges: set[str] = field(default_factory=set)  # "nib", "pirt", "halal", "bpom"
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]


def halal_required(*, category: str, size: str, today: date) -> bool:
    return category == FOOD and size in (MICRO, SMALL) and today > HALAL_STAGING_ENDS


def halal_valid(*, halal_number: str, halal_expires_on: date | None, today: date) -> bool:
    return bool(halal_number) and (halal_expires_on is None or halal_expires_on >= today)


def pirt_valid(*, pirt_number: str, today: date) -> bool:
    pirt = parse_pirt(pirt_number)
    return pirt is not None and pirt.expiry_year >= today.year


def check(*, category: str, size: str, today: date, nib: str = "", pirt_number: str = "",
          halal_number: str = "", halal_expires_on: date | None = None,
          bpom_md: str = "") -> LicenceCheck:
    """The badges a listing shows and what the seller must be told, on `today`."""
    result = LicenceCheck()
    if nib_is_valid(nib):
        result.badges.add("nib")
    if bpom_md and category == FOOD:  # BPOM MD and P-IRT register food, nothing else
        result.badges.add("bpom")
    pirt = parse_pirt(pirt_number)
    if pirt_number and pirt is None:
        result.findings.append(Finding(
            "pirt_unreadable", str(_("The P-IRT number has fewer than 15 digits: check it on "
                                     "the certificate.")), str(SOURCE_PIRT)))
    elif pirt is not None and pirt.expiry_year < today.year:
        result.findings.append(Finding(
            "pirt_expired", str(_("Your P-IRT expired at the end of %(year)s: its badge is "
                                  "hidden until you enter the renewed number.")
                                % {"year": pirt.expiry_year}), str(SOURCE_PIRT)))
    elif pirt is not None:
        if category == FOOD:
            result.badges.add("pirt")
        if pirt.expiry_year == today.year:
            result.findings.append(Finding(
                "pirt_expiring", str(_("Your P-IRT expires at the end of this year (%(year)s): "
                                       "renew it at the Dinas Kesehatan.")
                                     % {"year": pirt.expiry_year}), str(SOURCE_PIRT)))
    halal_ok = halal_valid(halal_number=halal_number, halal_expires_on=halal_expires_on,
                           today=today)
    if halal_ok:
        result.badges.add("halal")
    elif halal_number:
        result.findings.append(Finding(
            "halal_expired", str(_("Your halal certificate expired on %(day)s.")
                                 % {"day": halal_expires_on.strftime("%d/%m/%Y")}),
            str(SOURCE_HALAL), blocks=halal_required(category=category, size=size,
                                                      today=today)))
    if not halal_ok and halal_required(category=category, size=size, today=today):
        if not halal_number:
            result.findings.append(Finding(
                "halal_required", str(_("Food and drink from micro and small businesses need "
                                        "a halal certificate number since 18 October 2026. "
                                        "The self-declare route is free for micro and small "
                                        "businesses.")), str(SOURCE_HALAL), blocks=True))
    elif (category == FOOD and size in (MICRO, SMALL) and not halal_ok
          and 0 <= (HALAL_STAGING_ENDS - today).days <= HALAL_NOTICE_DAYS):
        result.findings.append(Finding(
            "halal_soon", str(_("From 18 October 2026 food and drink from micro and small "
                                "businesses need a halal certificate number: apply now (the "
                                "self-declare route is free).")), str(SOURCE_HALAL)))
    return result


def next_change_on(*, today: date, pirt_number: str = "", halal_number: str = "",
                   halal_expires_on: date | None = None) -> date | None:
    """The first day after `today` on which `check` may answer differently for a seller
    with these licences (a badge lapses, a warning starts, the halal rule binds), or None
    when nothing dated is ahead. Stored on the seller, it is what the re-badge sweep
    selects on (STYLE: sweeps on stored dates), so no sweep recomputes every listing."""
    days = []
    if halal_number and halal_expires_on is not None and halal_expires_on >= today:
        days.append(halal_expires_on + timedelta(days=1))  # the badge is gone that day
    pirt = parse_pirt(pirt_number)
    if pirt is not None and pirt.expiry_year >= today.year:
        days.append(date(pirt.expiry_year + 1, 1, 1))  # expired: the badge is hidden
        if pirt.expiry_year > today.year:
            days.append(date(pirt.expiry_year, 1, 1))  # "expires this year" warning
    if today <= HALAL_STAGING_ENDS:
        days.append(HALAL_STAGING_ENDS + timedelta(days=1))  # the halal rule binds
        notice = HALAL_STAGING_ENDS - timedelta(days=HALAL_NOTICE_DAYS)
        if today < notice:
            days.append(notice)  # the "apply now" warning starts
    return min(days) if days else None
