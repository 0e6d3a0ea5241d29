"""The automatic checks of a verification round's checklist: pure functions of the
outlet's facts, the requirement and `today` (STYLE.md rule 1). No ORM, no clock.

A certificate is valid through its `valid_until` day and expired the day after. Each
failed check says why in words the outlet reads on its own page and in the decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

# Press KBLI codes (Peraturan DP 01/Peraturan-DP/I/2023 and the KBLI 2020 list): print,
# web portal, news agency, TV, radio. A round may name its own.
PRESS_KBLI = frozenset({"58130", "63122", "63912", "60202", "60102"})
UKW_RANK = {"": 0, "muda": 1, "madya": 2, "utama": 3}
PRESS_COUNCIL_RANK = {"": 0, "administrative": 1, "factual": 2}
PASS, FAIL, MANUAL = "pass", "fail", "manual"


@dataclass(frozen=True)
class ChiefEditor:
    name: str
    ukw_level: str
    ukw_valid_until: date | None


@dataclass(frozen=True)
class OutletFacts:
    """What the checks read of an outlet, copied out of the database by the caller."""

    press_council_status: str = ""
    press_council_certificate: str = ""
    press_council_valid_until: date | None = None
    chief_editor: ChiefEditor | None = None
    kbli_codes: tuple[str, ...] = ()
    first_published_on: date | None = None
    has_local_office: bool = False
    ekatalog_id: str = ""
    document_kinds: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CheckResult:
    result: str  # PASS, FAIL or MANUAL
    reason: str = ""


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 if `end` is before `start`)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def press_council_check(facts: OutletFacts, required: str, today: date) -> CheckResult:
    required = required or "factual"
    have = facts.press_council_status
    if PRESS_COUNCIL_RANK.get(have, 0) < PRESS_COUNCIL_RANK.get(required, 2):
        label = {"administrative": _("administratively verified (TA)"),
                 "factual": _("factually verified (TF)")}[required]
        return CheckResult(FAIL, _("The Press Council has not %(required)s this outlet.")
                           % {"required": label} if not have else
                           _("The outlet is only administratively verified by the Press "
                             "Council; the round requires factual verification (TF)."))
    if have == "factual":
        if not facts.press_council_certificate:
            return CheckResult(FAIL, _("No Press Council certificate number is given."))
        until = facts.press_council_valid_until
        if until is None:
            return CheckResult(FAIL, _("The Press Council certificate's validity date is "
                                       "missing."))
        if until < today:
            return CheckResult(FAIL, _("The Press Council certificate %(number)s expired on "
                                       "%(date)s.") % {
                "number": facts.press_council_certificate, "date": _day(until)})
        return CheckResult(PASS, _("Certificate %(number)s valid until %(date)s.") % {
            "number": facts.press_council_certificate, "date": _day(until)})
    return CheckResult(PASS, _("Administratively verified by the Press Council."))


def chief_editor_check(facts: OutletFacts, required: str, today: date) -> CheckResult:
    required = required or "utama"
    chief = facts.chief_editor
    if chief is None:
        return CheckResult(FAIL, _("No chief editor is named."))
    if UKW_RANK.get(chief.ukw_level, 0) < UKW_RANK.get(required, 3):
        held = chief.ukw_level or _("no UKW certificate")
        return CheckResult(FAIL, _("The chief editor %(name)s holds %(held)s; the round "
                                   "requires UKW %(required)s.") % {
            "name": chief.name, "held": f"UKW {held}" if chief.ukw_level else held,
            "required": required})
    if chief.ukw_valid_until is not None and chief.ukw_valid_until < today:
        return CheckResult(FAIL, _("The chief editor's UKW certificate expired on %(date)s.")
                           % {"date": _day(chief.ukw_valid_until)})
    return CheckResult(PASS, _("Chief editor %(name)s holds UKW %(level)s.") % {
        "name": chief.name, "level": chief.ukw_level})


def kbli_check(facts: OutletFacts, accepted: str) -> CheckResult:
    codes = frozenset(c.strip() for c in accepted.split(",") if c.strip()) or PRESS_KBLI
    if not facts.kbli_codes:
        return CheckResult(FAIL, _("No KBLI code is given."))
    found = sorted(set(facts.kbli_codes) & codes)
    if not found:
        return CheckResult(FAIL, _("None of the KBLI codes given (%(given)s) is a press "
                                   "code accepted by this round (%(accepted)s).") % {
            "given": ", ".join(facts.kbli_codes), "accepted": ", ".join(sorted(codes))})
    return CheckResult(PASS, _("KBLI %(codes)s.") % {"codes": ", ".join(found)})


def months_output_check(facts: OutletFacts, required: str, today: date) -> CheckResult:
    months = int(required or 6)
    if facts.first_published_on is None:
        return CheckResult(FAIL, _("The date of the first publication is missing."))
    have = months_between(facts.first_published_on, today)
    if have < months:
        return CheckResult(FAIL, _("The outlet has published for %(have)s months; the round "
                                   "requires %(months)s.") % {"have": have, "months": months})
    return CheckResult(PASS, _("Publishing for %(have)s months.") % {"have": have})


def requirement_check(kind: str, value: str, facts: OutletFacts, *, today: date) -> CheckResult:
    """Run the automatic check of one checklist item of `kind` with its parameter."""
    if kind == "document":
        if value in facts.document_kinds:
            return CheckResult(PASS, _("Uploaded."))
        return CheckResult(FAIL, _("The document is not uploaded."))
    if kind == "press_council":
        return press_council_check(facts, value, today)
    if kind == "chief_editor_ukw":
        return chief_editor_check(facts, value, today)
    if kind == "kbli":
        return kbli_check(facts, value)
    if kind == "months_output":
        return months_output_check(facts, value, today)
    if kind == "local_office":
        return (CheckResult(PASS, _("Has an office here.")) if facts.has_local_office else
                CheckResult(FAIL, _("The outlet has no office in this city or regency.")))
    if kind == "ekatalog":
        return (CheckResult(PASS, _("e-Katalog id %(id)s.") % {"id": facts.ekatalog_id})
                if facts.ekatalog_id else
                CheckResult(FAIL, _("The outlet is not listed in the e-Katalog.")))
    return CheckResult(MANUAL)
