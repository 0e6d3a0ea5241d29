"""The daily roll-up of complaints: what the public performance tables (and, at scale,
statistics) read instead of the complaints themselves.

A day's rows count the complaints *received* that local day, as they stand now: when a
complaint changes (answered, rated, "sudah beres?" answered), its receipt day is rebuilt.
The worker finds the days to rebuild from the complaints changed since its last run (an
indexed `updated_at`), so the roll-up follows the changes, not the table's size; any day
can be rebuilt again at any time with the same result (`complaints_rollup_rebuild`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from balai.complaints.models import (
    Complaint,
    DailyRollup,
    FixedCheck,
    PerformanceDay,
    PerformanceMonth,
    RollupCursor,
)
from balai.lib.dates import days_range

COUNTS = ("received", "answered", "answered_with_due", "on_time", "rated", "rating_sum",
          "fixed_yes", "fixed_no")
# A change committed late can carry an updated_at older than the cursor: read back.
READ_BACK = timedelta(minutes=15)
# The performance tables' kinds are also summed per calendar month (PerformanceMonth).
MONTH_KINDS = ("agency", "kelurahan")
# Each row's answer-time histogram as (key, value) rows: each database's JSON function.
JSON_EACH = {"postgresql": ("jsonb_each_text(p.answer_days)", "CAST(j.value AS integer)"),
             "sqlite": ("json_each(p.answer_days)", "j.value")}


def _new_counts() -> dict:
    return {**dict.fromkeys(COUNTS, 0), "answer_days": defaultdict(int)}


def fold_day(complaints: list[dict], fixed: list[dict], tz) -> dict[str, dict]:
    """Pure: the roll-up rows of one day's complaints (each a dict of the fields read by
    `rebuild_day`) and their "sudah beres?" answers. Returns {"daily": {key: counts},
    "agency": {id: counts}, "kelurahan": {id: counts}, "category": {id: counts},
    "status": {value: counts}, "channel": {value: counts}}; "sudah beres?" answers are
    counted per agency and per kelurahan only."""
    daily: dict[tuple, dict] = defaultdict(_new_counts)
    agency: dict[int, dict] = defaultdict(_new_counts)
    kelurahan: dict[int, dict] = defaultdict(_new_counts)
    category: dict[int, dict] = defaultdict(_new_counts)
    status: dict[str, dict] = defaultdict(_new_counts)
    channel: dict[str, dict] = defaultdict(_new_counts)
    by_pk = {}
    for c in complaints:
        key = (c["agency_id"] or 0, c["kelurahan_id"] or 0, c["category_id"], c["status"])
        targets = (daily[key], agency[key[0]], kelurahan[key[1]], category[key[2]],
                   status[key[3]], channel[c["channel"]])
        by_pk[c["id"]] = (daily[key], kelurahan[key[1]])
        answered = c["answered_at"] is not None
        answer_day = answered and c["answered_at"].astimezone(tz).date()
        for t in targets:
            t["received"] += 1
            if answered:
                t["answered"] += 1
                days = (answer_day - c["submitted_at"].astimezone(tz).date()).days
                t["answer_days"][str(max(days, 0))] += 1
                if c["followup_due"] is not None:
                    t["answered_with_due"] += 1
                    t["on_time"] += answer_day <= c["followup_due"]
            if c["rating"] is not None:
                t["rated"] += 1
                t["rating_sum"] += c["rating"]
    for f in fixed:
        field = "fixed_yes" if f["answer"] == FixedCheck.Answer.FIXED else "fixed_no"
        row, kel = by_pk[f["complaint_id"]]
        row[field] += 1
        kel[field] += 1
        # Against the agency that was asked about, even if the case moved on since.
        agency[f["agency_id"] or 0][field] += 1
    return {"daily": daily, "agency": agency, "kelurahan": kelurahan, "category": category,
            "status": status, "channel": channel}


def rebuild_day(day: date) -> int:
    """Replace the roll-up rows of `day` by a fresh count; returns how many complaints were
    read. Idempotent; two workers rebuilding the same day at once end with one copy."""
    tz = timezone.get_current_timezone()
    start, end = days_range(day, day, tz)
    complaints = list(Complaint.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
                      .values("id", "agency_id", "kelurahan_id", "category_id", "status",
                              "channel", "followup_due", "submitted_at", "answered_at", "rating"))
    fixed = list(FixedCheck.objects.filter(
        complaint__submitted_at__gte=start, complaint__submitted_at__lt=end)
        .exclude(answer="").values("complaint_id", "agency_id", "answer"))
    folded = fold_day(complaints, fixed, tz)
    daily = [DailyRollup(day=day, agency_id=a, kelurahan_id=k, category_id=cat, status=st,
                         **_values(counts))
             for (a, k, cat, st), counts in folded["daily"].items()]
    per = [PerformanceDay(day=day, kind=kind, ref_id=0 if isinstance(ref, str) else ref,
                          code=ref if isinstance(ref, str) else "", **_values(counts))
           for kind in PerformanceDay.Kind.values for ref, counts in folded[kind].items()]
    _replace((DailyRollup.objects.filter(day=day), daily),
             (PerformanceDay.objects.filter(day=day), per))
    return len(complaints)


def _replace(*tables) -> None:
    """Delete each (queryset, new rows) pair's old rows and write the new ones in one
    transaction; once more if another worker wrote the same rows meanwhile (the unique
    keys refuse the second copy), so that two workers end with one copy."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                for old, _rows in tables:
                    old.delete()
                for old, rows in tables:
                    old.model.objects.bulk_create(rows, batch_size=1000)
            return
        except IntegrityError:
            if attempt:  # it failed twice over: not a race
                raise


def _values(counts: dict) -> dict:
    return {**{k: counts[k] for k in COUNTS}, "answer_days": dict(counts["answer_days"])}


def _month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def period_pieces(first: date, last: date) -> list[tuple[str, date, date]]:
    """Pure: the days from `first` to `last` as ("months", first month, last month) for
    the whole calendar months among them (each month by its first day) and ("days", a, b)
    for the days left at either end."""
    whole_from = first if first.day == 1 else _month_after(first.replace(day=1))
    whole_until = (last + timedelta(days=1)).replace(day=1)  # the first month not whole
    if whole_from >= whole_until:
        return [("days", first, last)]
    last_whole = (whole_until - timedelta(days=1)).replace(day=1)
    pieces = [("days", first, whole_from - timedelta(days=1))] if first < whole_from else []
    pieces.append(("months", whole_from, last_whole))
    if whole_until <= last:
        pieces.append(("days", whole_until, last))
    return pieces


def _summed(model, field: str, kind: str, first: date, last: date) -> dict[int, dict]:
    """One kind's rows of `model` from `first` to `last` summed per ref_id by the
    database: the counts by SUM, the histograms by adding up their (days, count) pairs."""
    rows = model.objects.filter(kind=kind, **{f"{field}__gte": first, f"{field}__lte": last})
    sums = {r.pop("ref_id"): {**r, "answer_days": defaultdict(int)}
            for r in rows.order_by().values("ref_id").annotate(
                **{name: Sum(name) for name in COUNTS})}
    each, value = JSON_EACH[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.ref_id, j.key, SUM({value}) FROM {model._meta.db_table} p, "  # noqa: S608 - our names only
            f"{each} AS j WHERE p.kind = %s AND p.{field} >= %s AND p.{field} <= %s "
            "GROUP BY p.ref_id, j.key", [kind, first, last])
        for ref, days, n in cursor.fetchall():
            sums[ref]["answer_days"][int(days)] += int(n)
    return sums


def period_sums(kind: str, first: date, last: date) -> dict[int, dict]:
    """The roll-up's figures of one kind ("agency", "kelurahan", …) per ref_id over the
    local days `first` to `last`: {ref_id: {count: n, …, "answer_days": {days: n}}}.
    Whole months are read from their monthly sums where the kind has them."""
    pieces = period_pieces(first, last) if kind in MONTH_KINDS else [("days", first, last)]
    total: dict[int, dict] = defaultdict(_new_counts)
    for what, a, b in pieces:
        model, field = (PerformanceMonth, "month") if what == "months" else (PerformanceDay,
                                                                             "day")
        for ref, counts in _summed(model, field, kind, a, b).items():
            into = total[ref]
            for name in COUNTS:
                into[name] += counts[name]
            for days, n in counts["answer_days"].items():
                into["answer_days"][days] += n
    return total


def rebuild_month(month: date) -> None:
    """Replace the monthly sums of the month starting `month` by the sums of its days'
    rows. Idempotent, as `rebuild_day`."""
    last = _month_after(month) - timedelta(days=1)
    rows = [PerformanceMonth(month=month, kind=kind, ref_id=ref, **_values(counts))
            for kind in MONTH_KINDS
            for ref, counts in _summed(PerformanceDay, "day", kind, month, last).items()]
    _replace((PerformanceMonth.objects.filter(month=month), rows))


def rebuild_days(days) -> int:
    """Rebuild the given days, then once each month they fall in; returns how many
    complaints were read."""
    total = sum(rebuild_day(day) for day in sorted(days))
    for month in sorted({day.replace(day=1) for day in days}):
        rebuild_month(month)
    return total


def complaints_rollup_rebuild(first: date, last: date) -> int:
    """Rebuild every day from `first` to `last`; returns how many complaints were read."""
    total = rebuild_days([first + timedelta(days=n) for n in range((last - first).days + 1)])
    # The tables read from the roll-up are cached until it is rebuilt: say it was.
    now = timezone.now()
    cursor, _created = RollupCursor.objects.get_or_create(name="complaints",
                                                          defaults={"read_until": now})
    RollupCursor.objects.filter(pk=cursor.pk).update(rebuilt_at=now)
    return total


def stale_days(first: date, last: date) -> set[date] | None:
    """The days from `first` to `last` whose roll-up may not show their complaints as they
    are now: the receipt days of the complaints changed since the worker's last run (read
    back as the worker does). None if the roll-up was never built: every day is."""
    read_until = RollupCursor.objects.filter(name="complaints").values_list(
        "read_until", flat=True).first()
    if read_until is None:
        return None
    tz = timezone.get_current_timezone()
    start, end = days_range(first, last, tz)
    changed = (Complaint.objects.filter(updated_at__gt=read_until - READ_BACK,
                                        submitted_at__gte=start, submitted_at__lt=end)
               .values_list("submitted_at", flat=True))
    return {at.astimezone(tz).date() for at in changed}


def complaints_rollup_sweep(*, now: datetime | None = None) -> dict:
    """The worker's job: rebuild the receipt days of the complaints changed since the last
    run (and today's, whose clocks moved)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    cursor, created = RollupCursor.objects.get_or_create(name="complaints",
                                                         defaults={"read_until": now})
    since = cursor.read_until - READ_BACK
    changed = (Complaint.objects.filter(updated_at__gt=since, updated_at__lte=now)
               .values_list("submitted_at", flat=True))
    days = {at.astimezone(tz).date() for at in changed}
    rebuild_days(days)
    RollupCursor.objects.filter(pk=cursor.pk).update(read_until=max(now, cursor.read_until),
                                                     rebuilt_at=now)
    return {"days_rebuilt": len(days)}
