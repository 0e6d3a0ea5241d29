"""The annual report on public-information service (UU 14/2008 Pasal 12, Perki 1/2021).

`annual_figures()` counts, for one year, what Pasal 12 asks (requests received, time taken
for each, granted and refused, the grounds of refusal) plus what the Perki adds
(objections and disputes and how they ended). It reads rows once and counts in Python, so
each figure is easy to check by hand. `annual_report_pdf()` renders it with the Typst
template shipped here; `annual_report_xlsx()` writes the same tables to a workbook.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.lib.workdays import WorkCalendar, workdays_between
from balai.ppid.deadlines import ANSWER_WORKDAYS, EXTENSION_WORKDAYS
from balai.ppid.models import (
    CourtAppeal,
    Decision,
    Dispute,
    Exemption,
    InformationRequest,
    Objection,
    OtherGround,
)

TYPST_DIR = Path(__file__).resolve().parent / "templates" / "ppid" / "typst"
# Working days from day 0 to the written notice, in the bands the clock knows.
BANDS = [(0, 5, "0–5"), (6, ANSWER_WORKDAYS, f"6–{ANSWER_WORKDAYS}"),
         (ANSWER_WORKDAYS + 1, ANSWER_WORKDAYS + EXTENSION_WORKDAYS,
          f"{ANSWER_WORKDAYS + 1}–{ANSWER_WORKDAYS + EXTENSION_WORKDAYS}"),
         (ANSWER_WORKDAYS + EXTENSION_WORKDAYS + 1, None,
          f"> {ANSWER_WORKDAYS + EXTENSION_WORKDAYS}")]


@dataclass
class AnnualFigures:
    year: int
    received: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)  # Decision.Outcome → count
    unanswered: int = 0  # received in the year, no notice by the time of the report
    withdrawn: int = 0
    grounds: dict[str, int] = field(default_factory=dict)  # 17a.. and 6_3a.. → count
    time_bands: dict[str, int] = field(default_factory=dict)
    average_workdays: float | None = None
    on_time: int = 0
    late: int = 0
    extended: int = 0
    delegated: int = 0
    objections: int = 0
    objection_grounds: dict[str, int] = field(default_factory=dict)
    objection_outcomes: dict[str, int] = field(default_factory=dict)
    objections_pending: int = 0
    objections_on_time: int = 0
    # Upheld keberatan that ordered a (new) written notice (Pasal 36(2)), and how they
    # were carried out: on time, late, or not yet.
    objections_ordering: int = 0
    objections_carried_out: int = 0
    objections_carried_out_late: int = 0
    objections_to_carry_out: int = 0
    disputes: int = 0
    dispute_stages: dict[str, int] = field(default_factory=dict)
    disputes_decided: int = 0  # decided by the commission (filed in the year)
    disputes_carried_out: int = 0  # ... and its decision carried out
    # Court appeals filed in the year (Pasal 47–50), their rulings and how they were
    # carried out.
    appeals: dict[str, int] = field(default_factory=dict)  # CourtAppeal.Level → filed
    appeals_late: int = 0
    appeals_ruled: int = 0
    appeals_carried_out: int = 0


def first_due(req: InformationRequest) -> date:
    """The due date of the request's first answer (Pasal 22(7)–(8)), from how it was
    reached: a keberatan carried out later runs a clock of its own."""
    facts = req.deadline_facts
    part = facts.get("extended") if req.extended_at else facts.get("answer")
    return date.fromisoformat(part["due"]) if part else req.original_due_date


def _band(days: int) -> str:
    for low, high, label in BANDS:
        if days >= low and (high is None or days <= high):
            return label
    return BANDS[0][2]


def annual_figures(*, year: int, calendar: WorkCalendar) -> AnnualFigures:
    """The figures of the annual report for requests received (and objections and disputes
    filed) in `year`, counted in the installation's time zone."""
    figures = AnnualFigures(year=year)
    in_year = InformationRequest.objects.filter(received_at__year=year)
    requests = list(in_year.select_related("decision").only(
        "channel", "requester_kind", "status", "clock_start", "original_due_date",
        "extended_at", "deadline_facts", "delegated_to_id", "decision__outcome",
        "decision__exemption",
        "decision__other_ground"))
    # Time taken is to the first written notice (Pasal 12: the time needed to fulfil each
    # request); the outcome is the decision in force, after any keberatan carried out.
    first_answer = dict(Decision.objects.filter(request__in=in_year).values("request_id")
                        .annotate(first=Min("decided_at")).values_list("request_id", "first"))
    figures.received = len(requests)
    figures.by_channel = dict(Counter(r.channel for r in requests))
    figures.by_kind = dict(Counter(r.requester_kind for r in requests))
    outcomes, grounds, bands, taken = Counter(), Counter(), Counter(), []
    for r in requests:
        figures.extended += r.extended_at is not None
        figures.delegated += r.delegated_to_id is not None
        decision = getattr(r, "decision", None)
        if decision is None:
            if r.status == InformationRequest.Status.WITHDRAWN:
                figures.withdrawn += 1
            else:
                figures.unanswered += 1
            continue
        outcomes[decision.outcome] += 1
        if decision.outcome in (Decision.Outcome.PARTLY, Decision.Outcome.REFUSED):
            for ground in (decision.exemption, decision.other_ground):
                if ground:
                    grounds[ground] += 1
        answered_on = timezone.localdate(first_answer[r.pk])
        days = max(workdays_between(r.clock_start, answered_on, calendar), 0)
        taken.append(days)
        bands[_band(days)] += 1
        # Due by the first clock (10 working days, or 17 when extended), not by the date
        # a carried-out keberatan set later.
        if answered_on <= first_due(r):
            figures.on_time += 1
        else:
            figures.late += 1
    figures.outcomes = dict(outcomes)
    figures.grounds = dict(grounds)
    figures.time_bands = {label: bands.get(label, 0) for _low, _high, label in BANDS}
    figures.average_workdays = round(sum(taken) / len(taken), 1) if taken else None
    objections = list(Objection.objects.filter(filed_at__year=year).select_related(
        "carried_out_by").only("grounds", "status", "outcome", "due_date", "decided_at",
                               "carry_out_due", "carried_out_by__decided_at"))
    figures.objections = len(objections)
    # A keberatan on several grounds of Pasal 35(1) counts under each of them.
    figures.objection_grounds = dict(Counter(g for o in objections for g in o.grounds))
    figures.objection_outcomes = dict(Counter(o.outcome for o in objections if o.outcome))
    figures.objections_pending = sum(o.status == Objection.Status.RECEIVED for o in objections)
    figures.objections_on_time = sum(
        1 for o in objections
        if o.decided_at is not None and timezone.localdate(o.decided_at) <= o.due_date)
    for o in objections:
        if o.carry_out_due is None:
            continue
        figures.objections_ordering += 1
        done = getattr(o, "carried_out_by", None)
        if done is None:
            figures.objections_to_carry_out += 1
            continue
        figures.objections_carried_out += 1
        figures.objections_carried_out_late += (timezone.localdate(done.decided_at)
                                                > o.carry_out_due)
    disputes = list(Dispute.objects.filter(filed_on__year=year).only("stage",
                                                                     "carried_out_on"))
    figures.disputes = len(disputes)
    figures.dispute_stages = dict(Counter(d.stage for d in disputes))
    decided = [d for d in disputes if d.stage == Dispute.Stage.DECIDED]
    figures.disputes_decided = len(decided)
    figures.disputes_carried_out = sum(d.carried_out_on is not None for d in decided)
    appeals = list(CourtAppeal.objects.filter(filed_on__year=year).only(
        "level", "filed_on", "filing_deadline", "ruling_date", "carried_out_on"))
    figures.appeals = dict(Counter(a.level for a in appeals))
    figures.appeals_late = sum(a.is_late for a in appeals)
    figures.appeals_ruled = sum(a.ruling_date is not None for a in appeals)
    figures.appeals_carried_out = sum(a.carried_out_on is not None for a in appeals)
    return figures


def report_sections(year: int) -> list[dict]:
    """The written parts (Perki 1/2021) as titled paragraphs; empty ones are left out."""
    from balai.ppid.models import AnnualReportText  # noqa: PLC0415

    text = AnnualReportText.objects.filter(year=year).first()
    if text is None:
        return []
    sections = [(_("General policy: facilities, staff, budget"), text.general_policy),
                (_("Obstacles"), text.obstacles),
                (_("Recommendations and follow-up plan"), text.recommendations)]
    return [{"title": str(title), "text": body} for title, body in sections if body]


def report_tables(f: AnnualFigures) -> list[dict]:
    """The report as titled tables of (label, value): what the PDF and the XLSX print."""
    channel = dict(InformationRequest.Channel.choices)
    kind = dict(InformationRequest.RequesterKind.choices)
    outcome = dict(Decision.Outcome.choices)
    ground = {**dict(Exemption.choices), **dict(OtherGround.choices)}
    obj_ground = dict(Objection.Ground.choices)
    obj_outcome = dict(Objection.Outcome.choices)
    stage = dict(Dispute.Stage.choices)
    return [
        {"title": _("Requests"), "rows": [
            [_("Requests received"), f.received],
            *[[_("Channel: %(c)s") % {"c": channel.get(k, k)}, v]
              for k, v in sorted(f.by_channel.items())],
            *[[_("Requester: %(k)s") % {"k": kind.get(k, k)}, v]
              for k, v in sorted(f.by_kind.items())],
            [_("Deadline extended (7 working days)"), f.extended],
            [_("Delegated to a PPID pembantu"), f.delegated]]},
        {"title": _("Decisions"), "rows": [
            *[[outcome[k], f.outcomes.get(k, 0)] for k in Decision.Outcome.values],
            [_("Not yet answered"), f.unanswered], [_("Withdrawn"), f.withdrawn]]},
        {"title": _("Grounds of refusal (full or partial)"), "rows": [
            [ground.get(k, k), v] for k, v in sorted(f.grounds.items())] or
            [[_("None"), 0]]},
        {"title": _("Time taken to answer (working days from day 0)"), "rows": [
            *[[_("%(band)s working days") % {"band": k}, v] for k, v in f.time_bands.items()],
            [_("Average (working days)"), f.average_workdays if f.average_workdays is not None
             else "—"],
            [_("Answered on time"), f.on_time], [_("Answered late"), f.late]]},
        {"title": _("Objections (keberatan)"), "rows": [
            [_("Objections received"), f.objections],
            *[[obj_ground.get(k, k), v] for k, v in sorted(f.objection_grounds.items())],
            *[[obj_outcome.get(k, k), v] for k, v in sorted(f.objection_outcomes.items())],
            [_("Waiting for the atasan's decision"), f.objections_pending],
            [_("Decided within 30 working days"), f.objections_on_time]]},
        {"title": _("Carrying out upheld objections"), "rows": [
            [_("Upheld objections that ordered a new written notice"),
             f.objections_ordering],
            [_("Carried out by the PPID"), f.objections_carried_out],
            [_("of which after the date the atasan set"), f.objections_carried_out_late],
            [_("Not yet carried out"), f.objections_to_carry_out]]},
        {"title": _("Disputes at the Information Commission"), "rows": [
            [_("Disputes filed"), f.disputes],
            *[[stage.get(k, k), v] for k, v in sorted(f.dispute_stages.items())],
            [_("Commission decisions carried out"), f.disputes_carried_out],
            [_("Commission decisions not yet carried out"),
             f.disputes_decided - f.disputes_carried_out]]},
        {"title": _("Appeals in court (Art. 47–50)"), "rows": [
            *[[level, f.appeals.get(k, 0)] for k, level in CourtAppeal.Level.choices],
            [_("Filed after the last day the law gives"), f.appeals_late],
            [_("Ruled on"), f.appeals_ruled],
            [_("Rulings carried out"), f.appeals_carried_out]]},
    ]


def annual_report_pdf(f: AnnualFigures) -> bytes:
    """The annual report as PDF, from the Typst template in ppid/templates/ppid/typst."""
    from balai.documents.render import typst_pdf  # noqa: PLC0415 — typst is heavy

    inst = settings.BALAI_INSTALLATION
    data = {"year": f.year, "office": inst.get("office_name", ""),
            "pemda": inst.get("pemda_name", ""),
            "title": _("Annual report on public information service %(year)s")
            % {"year": f.year},
            "basis": _("Under Article 12 of Law 14 of 2008 and Information Commission "
                       "Regulation 1 of 2021. Counted for requests received, and objections "
                       "and disputes filed, in %(year)s.") % {"year": f.year},
            "made": _("Made on %(date)s") % {"date": timezone.localdate().isoformat()},
            "tables": [{"title": str(t["title"]), "rows": [[str(a), str(b)] for a, b in t["rows"]]}
                       for t in report_tables(f)],
            "sections": report_sections(f.year)}
    return typst_pdf(TYPST_DIR / "annual_report.typ", data)


def annual_report_xlsx(f: AnnualFigures) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    from balai.core.exports import cell_safe  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = str(f.year)
    bold = Font(bold=True)
    sheet.append([_("Annual report on public information service %(year)s")
                  % {"year": f.year}])
    sheet["A1"].font = bold
    for table in report_tables(f):
        sheet.append([])
        sheet.append([str(table["title"])])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, value in table["rows"]:
            sheet.append([cell_safe(str(label)), value])
    for section in report_sections(f.year):
        sheet.append([])
        sheet.append([section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append([cell_safe(section["text"])])
    sheet.column_dimensions["A"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
