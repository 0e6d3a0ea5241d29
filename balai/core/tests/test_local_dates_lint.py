"""No code takes the UTC date of a stored timestamp (issue 11).

`received_at.date()` of an aware datetime is the date in UTC: between 00:00 and 07:00 WIB
it is yesterday. Dates people read come from `timezone.localdate(moment)`; day filters
compare timestamps with `balai.lib.dates.days_range`, never `<field>_at__date`.
"""

import re
from pathlib import Path

import balai

ROOT = Path(balai.__file__).resolve().parent
UTC_DATE = [
    (re.compile(r"\b\w+_at\)?\.date\(\)"), "timezone.localdate(x) instead of x.date()"),
    (re.compile(r"\bnow\(\)\.date\(\)"), "timezone.localdate() instead of now().date()"),
    (re.compile(r"_at__date(?:__|\b)"), "balai.lib.dates.days_range instead of __date"),
    (re.compile(r"\butcnow\(\)"), "timezone.now()"),
    # formats.date_format() and the like print an aware datetime in its own zone (UTC).
    (re.compile(r"\b(?!localdate\b)(?!localtime\b)\w*date\w*\(\s*[\w.]*_at\s*[,)]"),
     "date_format(timezone.localdate(x)) instead of date_format(x)"),
]


def utc_dates(source: str) -> list[tuple[int, str, str]]:
    """(line number, line, advice) for each place that takes the UTC date of a moment."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        code = line.split("#", 1)[0]
        found += [(number, line.strip(), advice) for pattern, advice in UTC_DATE
                  if pattern.search(code)]
    return found


def test_the_scan_finds_the_bug_that_dated_the_ppid_notice():
    assert utc_dates("    received = _date(req.received_at.date())\n")
    assert utc_dates("day = timezone.now().date()")
    assert utc_dates("qs.filter(answered_at__date__lte=F('due'))")
    assert utc_dates('"received": _date(req.received_at)}')
    assert utc_dates("formats.date_format(complaint.answered_at, 'j F Y')")
    assert not utc_dates("received = _date(timezone.localdate(req.received_at))")
    assert not utc_dates("Complaint.objects.update(closed_at=when)")
    assert not utc_dates("day = local.date()  # local = moment.astimezone(tz)")


def test_no_code_takes_the_utc_date_of_a_timestamp():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        offenders += [f"{relative}:{n}: {line}  -> use {advice}"
                      for n, line, advice in utc_dates(path.read_text(encoding="utf-8"))]
    assert not offenders, "\n".join(offenders)
