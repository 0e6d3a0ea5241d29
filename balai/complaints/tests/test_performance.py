"""The daily roll-up (rebuilt idempotently, checked against a direct count) and the public
performance tables, recomputed here independently from the raw complaints."""

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from balai.complaints import services
from balai.complaints.models import Complaint, DailyRollup, FixedCheck, PerformanceDay
from balai.complaints.performance import median_of, performance_tables, period_days
from balai.complaints.rollup import complaints_rollup_rebuild, complaints_rollup_sweep
from balai.complaints.tests import factories

WIB = ZoneInfo("Asia/Jakarta")
TODAY = date(2026, 11, 30)


def at(d, hh=10, month=11):
    return datetime(2026, month, d, hh, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _no_cached_tables():
    """The tables are cached per roll-up version; each test starts with none."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()


def test_period_days_and_median_are_plain_arithmetic():
    assert period_days("30", TODAY) == (date(2026, 11, 1), TODAY)
    assert period_days("kuartal", TODAY) == (date(2026, 10, 1), TODAY)
    assert period_days("tahun", TODAY) == (date(2026, 1, 1), TODAY)
    assert median_of({}) is None
    assert median_of({3: 1}) == 3
    assert median_of({1: 1, 5: 1}) == 3
    assert median_of({0: 2, 2: 1, 9: 1}) == 1
    assert median_of({1: 3, 7: 1}) == 1


@pytest.fixture
def cases(cats, verifikator, operator_opd, operator_other_opd):
    """A month of complaints in every state, with answers late and on time, ratings, and
    "sudah beres?" answers both ways; the roll-up rebuilt as the worker would."""
    made = []
    plan = [  # (day received, category, what happens)
        (2, "jalan", "rated"), (2, "jalan", "belum"), (3, "sampah", "rated"),
        (3, "jalan", "open"), (4, "sampah", "late_answer"), (5, "jalan", "new"),
        (9, "jalan", "sudah"), (10, "sampah", "open"), (20, "jalan", "answered"),
        (2, "sampah", "confidential"),
    ]
    operators = {"pupr": operator_opd, "dlh": operator_other_opd}
    for day, key, fate in plan:
        with time_machine.travel(at(day), tick=False):
            c, _ = services.complaint_submit(submission=factories.submission(
                cats[key], is_confidential=fate == "confidential",
                is_anonymous=fate == "sudah"))
            if fate == "new":
                made.append(c)
                continue
            services.complaint_verify(complaint=c, actor=verifikator)
            op = operators[c.agency.code]
            if fate == "open":
                made.append(c)
                continue
            services.complaint_accept(complaint=c, actor=op)
        answer_on = at(day + (15 if fate == "late_answer" else 2))
        with time_machine.travel(answer_on, tick=False):
            services.complaint_answer(complaint=c, text="Sudah dikerjakan.", actor=op)
        if fate in {"rated", "belum", "sudah", "confidential"}:
            with time_machine.travel(answer_on + timedelta(days=1), tick=False):
                services.complaint_rate(complaint=c, rating=2 if fate == "belum" else 5)
        if fate in {"belum", "sudah"}:
            with time_machine.travel(answer_on + timedelta(days=2), tick=False):
                check = FixedCheck.objects.get(complaint=c)
                services.complaint_fixed_answer(check=check, fixed=fate == "sudah",
                                                note="Masih berlubang.")
        made.append(c)
    complaints_rollup_rebuild(date(2026, 11, 1), TODAY)
    return made


def test_the_rollup_of_a_day_is_the_direct_count_and_a_rebuild_changes_nothing(cases):
    direct = Counter({(r["agency_id"] or 0, r["kelurahan_id"] or 0, r["category_id"],
                       r["status"], r["day"]): r["n"]
                      for r in _direct_groups()})
    rolled = Counter({(r.agency_id, r.kelurahan_id, r.category_id, r.status, r.day):
                      r.received for r in DailyRollup.objects.all()})
    assert rolled == direct and sum(rolled.values()) == Complaint.objects.count() == 10
    before = sorted(DailyRollup.objects.values_list(
        "day", "agency_id", "kelurahan_id", "category_id", "status", "received", "answered",
        "on_time", "rated", "rating_sum", "fixed_yes", "fixed_no", "answer_days"))
    complaints_rollup_rebuild(date(2026, 11, 1), TODAY)
    complaints_rollup_rebuild(date(2026, 11, 2), date(2026, 11, 2))
    after = sorted(DailyRollup.objects.values_list(
        "day", "agency_id", "kelurahan_id", "category_id", "status", "received", "answered",
        "on_time", "rated", "rating_sum", "fixed_yes", "fixed_no", "answer_days"))
    assert after == before
    # Per kelurahan, every case counted once.
    rows = performance_tables(period="30", today=TODAY)["kelurahan"]
    assert sum(r.received for r in rows) == Complaint.objects.count()
    assert rows[0].name == "Kiduldalem"


def _direct_groups():
    """Complaints per receipt day and key, counted here without the roll-up's code."""
    out = []
    for c in Complaint.objects.all():
        out.append({"agency_id": c.agency_id, "kelurahan_id": c.kelurahan_id,
                    "category_id": c.category_id, "status": c.status,
                    "day": c.submitted_at.astimezone(WIB).date(), "n": 1})
    merged = defaultdict(int)
    for r in out:
        merged[tuple(r[k] for k in ("agency_id", "kelurahan_id", "category_id", "status",
                                    "day"))] += 1
    return [dict(zip(("agency_id", "kelurahan_id", "category_id", "status", "day", "n"),
                     (*k, n), strict=True)) for k, n in merged.items()]


def _expected_per_agency(today):
    """The table per agency, from the raw rows: the test's own reading of the method."""
    first = today - timedelta(days=29)
    rows = {}
    for c in Complaint.objects.select_related("agency"):
        if not first <= c.submitted_at.astimezone(WIB).date() <= today:
            continue
        name = c.agency.name if c.agency else ""
        r = rows.setdefault(name, {"received": 0, "on_time": 0, "judged": 0,
                                   "overdue": 0, "days": [], "ratings": [],
                                   "yes": 0, "no": 0})
        r["received"] += 1
        answered_day = c.answered_at.astimezone(WIB).date() if c.answered_at else None
        if c.followup_due and (answered_day or (
                c.status in {"terverifikasi", "diproses"} and c.followup_due < today)):
            r["judged"] += 1
            r["on_time"] += bool(answered_day and answered_day <= c.followup_due)
        if c.is_overdue(today):
            r["overdue"] += 1
        if answered_day:
            r["days"].append((answered_day - c.submitted_at.astimezone(WIB).date()).days)
        if c.rating:
            r["ratings"].append(c.rating)
    for check in FixedCheck.objects.exclude(answer="").select_related("agency"):
        r = rows[check.agency.name]
        r["yes" if check.answer == "sudah" else "no"] += 1
    return rows


def test_the_table_per_agency_matches_a_recount_from_the_raw_complaints_and_is_shown(
        cases, client, django_assert_max_num_queries):
    import statistics

    expected = _expected_per_agency(TODAY)
    table = {r.name: r for r in performance_tables(period="30", today=TODAY)["agencies"]}
    assert set(table) == set(expected)
    for name, e in expected.items():
        row = table[name]
        assert row.received == e["received"], name
        assert row.on_time_pct == (round(100 * e["on_time"] / e["judged"])
                                   if e["judged"] else None), name
        assert row.overdue_now == e["overdue"], name
        assert row.median_days == (statistics.median(e["days"]) if e["days"] else None), name
        assert row.rating == (sum(e["ratings"]) / len(e["ratings"]) if e["ratings"]
                              else None), name
        assert (row.fixed_yes, row.fixed_no) == (e["yes"], e["no"]), name
    # Not a table of zeros: the case facts show through.
    pupr = table["Dinas PUPR"]
    assert pupr.fixed_no == 1 and pupr.fixed_yes == 1 and pupr.overdue_now >= 1
    # The public page: both tables, the periods and the method, in a fixed number of
    # queries whatever the number of complaints.
    with time_machine.travel(at(30, 12), tick=False):
        with django_assert_max_num_queries(8):
            page = client.get("/pengaduan/kinerja/?periode=30")
        body = page.content.decode()
        assert page.status_code == 200
        for text in ("Dinas PUPR", "Kiduldalem", "Per OPD", "Per kelurahan",
                     "Cara angka ini dihitung", "Kuartal ini", "Tahun ini",
                     f"{pupr.on_time_pct}%"):
            assert text in body, text
        assert client.get("/pengaduan/kinerja/?periode=zzz").status_code == 200
        assert client.get("/pengaduan/kinerja/?periode=tahun").status_code == 200


def test_the_worker_rebuilds_the_days_of_changed_complaints(cats, verifikator):
    with time_machine.travel(at(2), tick=False):
        c, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
        assert complaints_rollup_sweep() == {"days_rebuilt": 1}
    assert DailyRollup.objects.get().status == "baru"
    with time_machine.travel(at(3), tick=False):
        services.complaint_verify(complaint=c, actor=verifikator)
        assert complaints_rollup_sweep() == {"days_rebuilt": 1}
    assert DailyRollup.objects.get(day=date(2026, 11, 2)).status == "terverifikasi"
    assert sorted(PerformanceDay.objects.filter(day=date(2026, 11, 2)).values_list(
        "kind", "code")) == [("agency", ""), ("category", ""), ("channel", "web"),
                             ("kelurahan", ""), ("status", "terverifikasi")]


def test_the_statistics_read_from_the_rollup_are_the_direct_count_and_follow_changes(
        cases, verifikator, django_assert_max_num_queries):
    """The head of office's statistics read the roll-up for the days it holds as they are,
    and count the days of complaints changed since its last run from the complaints."""
    from balai.complaints.models import RollupCursor
    from balai.complaints.selectors import complaint_statistics

    def stats():
        with django_assert_max_num_queries(8):
            return complaint_statistics(date_from=date(2026, 11, 1), date_to=TODAY,
                                        today=TODAY)

    def direct():
        cursor = RollupCursor.objects.get()
        cursor.delete()  # never built: every day counted from the complaints
        try:
            return complaint_statistics(date_from=date(2026, 11, 1), date_to=TODAY,
                                        today=TODAY)
        finally:
            cursor.save()

    rolled = stats()
    assert rolled == direct()
    assert rolled["total"] == 10 and rolled["overdue_now"] >= 1
    pupr = next(r for r in rolled["agencies"] if r["name"] == "Dinas PUPR")
    assert pupr["answered"] >= 1 and pupr["judged"] > pupr["answered"] - 1
    # It is read from the roll-up: a roll-up row changed by hand shows.
    row = PerformanceDay.objects.get(kind="status", code="baru")
    PerformanceDay.objects.filter(pk=row.pk).update(received=row.received + 100)
    assert dict(stats()["by_status"])["Baru"] == dict(rolled["by_status"])["Baru"] + 100
    PerformanceDay.objects.filter(pk=row.pk).update(received=row.received)
    # A complaint changed after the worker's last run counts at once, as it is now.
    new = Complaint.objects.get(status="baru")
    services.complaint_verify(complaint=new, actor=verifikator)
    after = stats()
    assert after == direct()
    assert dict(after["by_status"])["Baru"] == dict(rolled["by_status"])["Baru"] - 1


def test_the_migration_fills_the_new_kinds_of_the_days_already_rolled_up(cases):
    """Migration 0014 counts per category, status and channel the days the roll-up held
    before those kinds existed: the same received counts a rebuild makes."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "balai.complaints.migrations.0014_performance_day_kinds")
    new_kinds = ["category", "status", "channel"]

    def received():
        return sorted(PerformanceDay.objects.filter(kind__in=new_kinds).values_list(
            "day", "kind", "ref_id", "code", "received"))

    rebuilt = received()
    assert rebuilt and sum(r[-1] for r in rebuilt if r[1] == "status") == 10
    PerformanceDay.objects.filter(kind__in=new_kinds).delete()
    migration.backfill(apps, None)
    assert received() == rebuilt


def test_a_period_is_read_as_its_whole_months_and_the_days_left_at_either_end():
    from balai.complaints.rollup import period_pieces

    assert period_pieces(date(2026, 1, 1), date(2026, 12, 5)) == [
        ("months", date(2026, 1, 1), date(2026, 11, 1)),
        ("days", date(2026, 12, 1), date(2026, 12, 5))]
    assert period_pieces(date(2026, 11, 1), date(2026, 11, 30)) == [
        ("months", date(2026, 11, 1), date(2026, 11, 1))]
    assert period_pieces(date(2026, 10, 7), date(2026, 11, 5)) == [
        ("days", date(2026, 10, 7), date(2026, 11, 5))]
    assert period_pieces(date(2025, 12, 15), date(2026, 2, 28)) == [
        ("days", date(2025, 12, 15), date(2025, 12, 31)),
        ("months", date(2026, 1, 1), date(2026, 2, 1))]


def _by_days(kind, first, last):
    """The figures summed here from the day rows alone, without the monthly sums."""
    out = defaultdict(lambda: Counter())
    for row in PerformanceDay.objects.filter(kind=kind, day__gte=first, day__lte=last):
        for name in ("received", "answered", "answered_with_due", "on_time", "rated",
                     "rating_sum", "fixed_yes", "fixed_no"):
            out[row.ref_id][name] += getattr(row, name)
        for days, n in row.answer_days.items():
            out[row.ref_id][f"d{days}"] += n
    return {ref: +c for ref, c in out.items()}


def _as_counters(sums):
    return {ref: +Counter({**{k: v for k, v in c.items() if k != "answer_days"},
                           **{f"d{d}": n for d, n in c["answer_days"].items()}})
            for ref, c in sums.items()}


def test_the_monthly_sums_are_the_sum_of_their_days_and_follow_a_change(cases):
    from balai.complaints.models import PerformanceMonth
    from balai.complaints.rollup import period_sums

    assert PerformanceMonth.objects.filter(month=date(2026, 11, 1)).exists()
    for kind in ("agency", "kelurahan"):
        # November whole (from its monthly sums), and with a day of October and December.
        for first, last in ((date(2026, 11, 1), TODAY), (date(2026, 10, 31), date(2026, 12, 1))):
            assert _as_counters(period_sums(kind, first, last)) == _by_days(kind, first, last)
    before = _as_counters(period_sums("agency", date(2026, 11, 1), TODAY))
    # A case rated after the roll-up: the worker's next run moves the month too.
    answered = Complaint.objects.filter(status="selesai", rating__isnull=True).first()
    services.complaint_rate(complaint=answered, rating=4)
    complaints_rollup_sweep()
    after = _as_counters(period_sums("agency", date(2026, 11, 1), TODAY))
    assert after == _by_days("agency", date(2026, 11, 1), TODAY) != before
    assert sum(c["received"] for c in after.values()) == Complaint.objects.count()


def test_the_migration_sums_the_months_of_the_days_already_rolled_up(cases):
    import importlib

    from django.apps import apps

    from balai.complaints.models import PerformanceMonth

    migration = importlib.import_module("balai.complaints.migrations.0017_performance_month")

    def months():
        return sorted(PerformanceMonth.objects.values_list(
            "month", "kind", "ref_id", "received", "answered", "on_time", "rated",
            "fixed_yes", "fixed_no", "answer_days"))

    rebuilt = months()
    assert rebuilt
    PerformanceMonth.objects.all().delete()
    migration.backfill(apps, None)
    assert months() == rebuilt
