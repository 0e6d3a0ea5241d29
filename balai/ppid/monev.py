"""Pure rules of the monev checklist: when periodic information is out of date, and the
green/amber/red mark of each item a Komisi Informasi monev auditor asks about. No ORM, no
clock: callers pass `today`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

# UU 14/2008 Pasal 9(3): periodic information is published at least every six months.
BERKALA_MONTHS = 6
# Warn this many days before an item or term runs out (amber on the monev page).
AMBER_DAYS = 30

GREEN, AMBER, RED = "green", "amber", "red"


@dataclass(frozen=True)
class BerkalaSeed:
    code: str
    title: str
    legal_source: str


# The mandatory periodic items, UU 14/2008 Pasal 9(2) a–d (the Perki 1/2021 list is not
# in the team's reference, so the Act's own list is used; an office adds items in the admin).
BERKALA_ITEMS = (
    BerkalaSeed("profil", "Informasi yang berkaitan dengan Badan Publik (profil)",
                "UU 14/2008 Pasal 9(2)(a)"),
    BerkalaSeed("kegiatan-kinerja", "Informasi mengenai kegiatan dan kinerja Badan Publik",
                "UU 14/2008 Pasal 9(2)(b)"),
    BerkalaSeed("laporan-keuangan", "Informasi mengenai laporan keuangan",
                "UU 14/2008 Pasal 9(2)(c)"),
    BerkalaSeed("lainnya", "Informasi lain yang diatur dalam peraturan perundang-undangan",
                "UU 14/2008 Pasal 9(2)(d)"),
)

# Information available at any time, UU 14/2008 Pasal 11(1) a–h.
SETIAP_SAAT_ITEMS = (
    BerkalaSeed("dip", "Daftar seluruh Informasi Publik yang berada di bawah penguasaannya, "
                "tidak termasuk informasi yang dikecualikan", "UU 14/2008 Pasal 11(1)(a)"),
    BerkalaSeed("keputusan", "Hasil keputusan Badan Publik dan pertimbangannya",
                "UU 14/2008 Pasal 11(1)(b)"),
    BerkalaSeed("kebijakan", "Seluruh kebijakan yang ada berikut dokumen pendukungnya",
                "UU 14/2008 Pasal 11(1)(c)"),
    BerkalaSeed("rencana-kerja", "Rencana kerja proyek termasuk di dalamnya perkiraan "
                "pengeluaran tahunan Badan Publik", "UU 14/2008 Pasal 11(1)(d)"),
    BerkalaSeed("perjanjian", "Perjanjian Badan Publik dengan pihak ketiga",
                "UU 14/2008 Pasal 11(1)(e)"),
    BerkalaSeed("pertemuan-terbuka", "Informasi dan kebijakan yang disampaikan Pejabat Publik "
                "dalam pertemuan yang terbuka untuk umum", "UU 14/2008 Pasal 11(1)(f)"),
    BerkalaSeed("prosedur-kerja", "Prosedur kerja pegawai Badan Publik yang berkaitan dengan "
                "pelayanan masyarakat", "UU 14/2008 Pasal 11(1)(g)"),
    BerkalaSeed("laporan-layanan", "Laporan mengenai pelayanan akses Informasi Publik",
                "UU 14/2008 Pasal 11(1)(h)"),
)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; the 31st becomes the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def berkala_stale_on(last_updated: date | None) -> date | None:
    """The day a periodic item updated on `last_updated` is out of date (Pasal 9(3)):
    six calendar months later. None when it was never published."""
    if last_updated is None:
        return None
    return add_months(last_updated, BERKALA_MONTHS)


def berkala_mark(last_updated: date | None, today: date) -> str:
    """Red when never published or out of date, amber in the last 30 days, else green."""
    stale_on = berkala_stale_on(last_updated)
    if stale_on is None or stale_on <= today:
        return RED
    return AMBER if (stale_on - today).days <= AMBER_DAYS else GREEN


def available_mark(available: bool) -> str:
    return GREEN if available else RED


# UU 14/2008 Pasal 20(1): the exemptions of Pasal 17 a–f are not permanent; g–j (private
# deeds, personal secrets, internal memoranda, other laws) carry no term of their own.
TERMED_EXEMPTIONS = frozenset({"17a", "17b", "17c", "17d", "17e", "17f"})


def term_mark(exemption: str, exempt_until: date | None, today: date) -> str:
    """An exemption's term: red once it has ended, or with no term on a ground that Pasal 20
    says is not permanent; amber when it ends within 30 days (time to review it)."""
    if exempt_until is None:
        return GREEN if exemption not in TERMED_EXEMPTIONS else RED
    return due_mark(exempt_until, today)


def due_mark(until: date, today: date) -> str:
    """A day something must be done by: red once it has come, amber within 30 days."""
    if until <= today:
        return RED
    return AMBER if (until - today).days <= AMBER_DAYS else GREEN


MARK_LABELS = {GREEN: _("In order"), AMBER: _("Needs attention soon"), RED: _("Gap")}
