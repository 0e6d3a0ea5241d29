"""`balai workdays`: the working-day calculator on the command line (DESIGN.md §3, §6)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from balai.core.calendar import clock_start_for, get_work_calendar, work_calendar
from balai.lib.workdays import WorkCalendar, explain, skipped_days, workdays_between

HELP_ADD = """\
Due date N working days after START. START is day 0 and may be
  a date, 2026-03-17: taken as day 0 as given; or
  a datetime, 2026-03-17T17:30+07:00: the moment something was received; at or after
  OFFICE_HOURS_END, or on a weekend/holiday, day 0 becomes the next working day, and
  "start" in the output shows that effective day 0. A datetime without an offset is read
  in TIME_ZONE.
"""


def _parse_start(value: str) -> date | datetime:
    try:
        if "T" in value or " " in value.strip():
            moment = datetime.fromisoformat(value)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, timezone.get_default_timezone())
            return moment
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Tanggal tidak dikenali: {value!r}. Pakai YYYY-MM-DD atau "
            f"YYYY-MM-DDTHH:MM+07:00 (mis. 2026-03-17 atau 2026-03-17T17:30+07:00)."
        ) from None


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Tanggal tidak dikenali: {value!r}. Pakai YYYY-MM-DD (mis. 2026-03-17)."
        ) from None


def _format_day(day: date) -> str:
    names = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
    return f"{names[day.weekday()]}, {day.isoformat()}"


class Command(BaseCommand):
    help = "Working-day calculator: national holidays, cuti bersama and admin Holiday rows."

    def add_arguments(self, parser: CommandParser) -> None:
        # Subcommand parsers raise CommandError (not SystemExit) under call_command too.
        common = {"called_from_command_line": getattr(parser, "called_from_command_line", None)}
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,between}")
        add = sub.add_parser("add", help="due date N working days after START",
                             description=HELP_ADD,
                             formatter_class=argparse.RawDescriptionHelpFormatter, **common)
        add.add_argument("start", help="day 0: YYYY-MM-DD or YYYY-MM-DDTHH:MM+07:00")
        add.add_argument("n", help="number of working days (0 or more)")
        add.add_argument("--json", action="store_true", help="print JSON")
        between = sub.add_parser("between",
                                 help="working days after A up to and including B; "
                                      "negative when B is before A", **common)
        between.add_argument("a", help="YYYY-MM-DD")
        between.add_argument("b", help="YYYY-MM-DD")
        between.add_argument("--json", action="store_true", help="print JSON")

    def _calendar(self) -> WorkCalendar:
        try:
            return get_work_calendar()
        except DatabaseError:
            # A fresh install without `balai migrate` can still answer from the national
            # calendar; say so, because admin rows are then missing.
            self.stderr.write("Peringatan: tabel hari libur tidak terbaca (sudah `balai "
                             "migrate`?); hanya kalender nasional yang dipakai.")
            return work_calendar(with_admin_rows=False)

    def handle(self, *args, **options):
        if options["action"] == "add":
            return self._add(options)
        return self._between(options)

    def _add(self, options) -> None:
        start = _parse_start(options["start"])
        try:
            n = int(options["n"])
        except ValueError:
            raise CommandError(f"N harus bilangan bulat hari kerja, bukan {options['n']!r}.") \
                from None
        if n < 0:
            raise CommandError(f"N tidak boleh negatif (diberikan {n}).")
        calendar = self._calendar()
        day0 = clock_start_for(start, calendar) if isinstance(start, datetime) else start
        deadline = explain(day0, n, calendar)
        if options["json"]:
            self.stdout.write(json.dumps(deadline.as_dict(), ensure_ascii=False))
            return
        lines = []
        if isinstance(start, datetime):
            local = timezone.localtime(start, timezone.get_default_timezone())
            lines.append(f"Diterima {local:%Y-%m-%d %H:%M %Z}; hari ke-0: "
                         f"{_format_day(day0)}")
            if day0 != local.date():
                why = calendar.reason(local.date()) or "setelah jam kerja"
                lines.append(f"  (dihitung mulai hari kerja berikutnya: {why})")
        else:
            lines.append(f"Hari ke-0: {_format_day(day0)}")
        lines.append(f"{n} hari kerja kemudian: {_format_day(deadline.due)}")
        if deadline.skipped:
            lines.append("Tidak dihitung:")
            lines += [f"  {_format_day(d.date)}  {d.reason}" for d in deadline.skipped]
        self.stdout.write("\n".join(lines))

    def _between(self, options) -> None:
        a, b = _parse_date(options["a"]), _parse_date(options["b"])
        calendar = self._calendar()
        count = workdays_between(a, b, calendar)
        low, high = min(a, b), max(a, b)
        skipped = skipped_days(low, high, calendar)
        if options["json"]:
            self.stdout.write(json.dumps({
                "a": a.isoformat(), "b": b.isoformat(), "workdays": count,
                "skipped": [d.as_dict() for d in skipped],
            }, ensure_ascii=False))
            return
        lines = [f"Hari kerja setelah {_format_day(a)} sampai dengan {_format_day(b)}: {count}"]
        if skipped:
            lines.append("Tidak dihitung:")
            lines += [f"  {_format_day(d.date)}  {d.reason}" for d in skipped]
        self.stdout.write("\n".join(lines))
