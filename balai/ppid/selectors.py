"""Reads of PPID data, always scoped by who is looking (STYLE.md, Reads are selectors).

The PPID utama (Diskominfo) sees every request; a PPID pembantu sees only what was
delegated to their OPD; the atasan PPID reads all of them and decides objections.
NIK and identity documents are for PPID staff only; nothing personal reaches the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.agencies.models import Agency
from balai.agencies.selectors import ppid_pembantu_agency_ids
from balai.core.calendar import deadline_estimates, get_work_calendar
from balai.core.workflow import Transition
from balai.ppid import monev
from balai.ppid.deadlines import commission_timeline
from balai.ppid.models import (
    Announcement,
    AnnualReportText,
    BerkalaItem,
    DipEntry,
    Dispute,
    FeeItem,
    InformationClass,
    InformationRequest,
    Objection,
    ServiceDocument,
    SetiapSaatItem,
)
from balai.ppid.workflow import ATASAN, MAIN, OBJECTION_WORKFLOW, OFFICER, REQUESTER, WORKFLOW

READ_ALL_ROLES = {Role.ATASAN_PPID, Role.KEPALA_DINAS, Role.ADMIN}


@dataclass(frozen=True)
class PpidScope:
    """What a user may do in the PPID service."""

    is_main: bool = False  # PPID utama: every request, delegation, DIP of every OPD
    agency_ids: frozenset[int] = frozenset()  # PPID pembantu: these OPDs only
    reads_all: bool = False  # atasan, kepala dinas, admin
    is_atasan: bool = False

    @property
    def is_staff(self) -> bool:
        return self.is_main or bool(self.agency_ids) or self.reads_all

    @property
    def is_ppid_officer(self) -> bool:
        return self.is_main or bool(self.agency_ids)

    @property
    def sees_identity(self) -> bool:
        """NIK and KTP images: PPID officers and the atasan PPID only."""
        return self.is_ppid_officer or self.is_atasan

    @property
    def sides(self) -> frozenset[str]:
        """The workflow sides this user acts as (ppid/workflow.py)."""
        acting = {MAIN: self.is_main, OFFICER: self.is_ppid_officer, ATASAN: self.is_atasan}
        return frozenset(side for side, takes in acting.items() if takes)

    def may(self, action: str) -> bool:
        """Whether this user's role may take `action` on a request at all (its state is the
        service's to check)."""
        return action in WORKFLOW and bool(WORKFLOW[action].sides & self.sides)

    def actions(self, req: InformationRequest) -> list[Transition]:
        """The actions offered to this user on `req` now, usual next step first."""
        return request_actions(req, self.sides)

    def objection_actions(self, objection: Objection) -> list[Transition]:
        return OBJECTION_WORKFLOW.offered(objection.status, self.sides)


AFTER_DECIDED_DISPUTE = {"dispute_carry_out", "court_appeal", "court_appeal_update"}
# Offered only when the decision in force gave the information, in full or in part.
AFTER_GIVEN = {"copy_payment", "handover"}
GIVEN_OUTCOMES = frozenset({"diberikan", "sebagian"})


def decided_dispute(req: InformationRequest) -> Dispute | None:
    """The request's dispute the commission decided, the one carried out or appealed."""
    return req.disputes.filter(stage=Dispute.Stage.DECIDED).order_by("-decision_date",
                                                                      "-id").first()


def request_actions(req: InformationRequest, sides) -> list[Transition]:
    """What the table offers `sides` on `req`, less what the case itself rules out: a second
    extension (Pasal 22(8)), a dispute with no keberatan before it (Pasal 37), and what
    follows a commission's decision when there is none (or no appeal to update)."""
    offered = [t for t in WORKFLOW.offered(req.status, sides)
               if not (t.action == "extend" and req.is_extended)
               and not (t.action == "dispute" and not req.objections.exists())
               and not (t.action in AFTER_GIVEN
                        and getattr(req.decision, "outcome", None) not in GIVEN_OUTCOMES)]
    if any(t.action in AFTER_DECIDED_DISPUTE for t in offered):
        dispute = decided_dispute(req)
        appeals = set(dispute.appeals.values_list("level", flat=True)) if dispute else set()
        offered = [t for t in offered if t.action not in AFTER_DECIDED_DISPUTE
                   or (dispute is not None
                       and (t.action != "court_appeal_update" or appeals)
                       and (t.action != "court_appeal" or len(appeals) < 2))]
    return offered


def requester_actions(req: InformationRequest) -> set[str]:
    """The actions the holder of the requester's link may take on `req` now."""
    return {t.action for t in request_actions(req, {REQUESTER})}


def ppid_scope(user) -> PpidScope:
    if not getattr(user, "is_authenticated", False):
        return PpidScope()
    if user.role == Role.PETUGAS_PPID:
        agency_ids = ppid_pembantu_agency_ids(user=user)
        return PpidScope(is_main=True) if agency_ids is None else PpidScope(agency_ids=agency_ids)
    if user.role == Role.ATASAN_PPID:
        return PpidScope(reads_all=True, is_atasan=True)
    if user.is_superuser or user.role in READ_ALL_ROLES:
        return PpidScope(reads_all=True)
    return PpidScope()


# --- DIP -------------------------------------------------------------------------------

def dip_public_list(*, q: str = "", information_class: str = "", agency: str = "",
                    year: int | None = None) -> QuerySet[DipEntry]:
    """Published DIP entries; exempt ones are searched by their title only."""
    qs = DipEntry.objects.filter(is_published=True).select_related("agency")
    if q:
        words = q.split()[:8]
        for word in words:
            qs = qs.filter(Q(title__icontains=word) | (
                ~Q(information_class=InformationClass.DIKECUALIKAN)
                & Q(summary__icontains=word)))
    if information_class:
        qs = qs.filter(information_class=information_class)
    if agency:
        qs = qs.filter(agency__code=agency)
    if year:
        qs = qs.filter(year=year)
    return qs


def dip_public_get(pk: int) -> DipEntry:
    entry = DipEntry.objects.filter(pk=pk, is_published=True).select_related("agency").first()
    if entry is None:
        raise Http404
    return entry


def dip_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(dip_entries__is_published=True).distinct().order_by("name")


def dip_years() -> list[int]:
    return sorted({y for y in DipEntry.objects.filter(is_published=True, year__isnull=False)
                   .values_list("year", flat=True)}, reverse=True)


def dip_staff_list_for(*, user) -> QuerySet[DipEntry]:
    """The entries `user` may edit: all for the PPID utama, their OPD's for a pembantu."""
    scope = ppid_scope(user)
    qs = DipEntry.objects.select_related("agency")
    if scope.is_main:
        return qs
    if scope.agency_ids:
        return qs.filter(agency_id__in=scope.agency_ids)
    return DipEntry.objects.none()


def dip_staff_get_for(*, user, pk: int) -> DipEntry:
    entry = dip_staff_list_for(user=user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def dip_agency_choices_for(*, user) -> QuerySet[Agency]:
    scope = ppid_scope(user)
    qs = Agency.objects.filter(is_active=True, is_external=False)
    return qs if scope.is_main else qs.filter(pk__in=scope.agency_ids)


# --- requests --------------------------------------------------------------------------

def request_list_for(*, user) -> QuerySet[InformationRequest]:
    """The requests `user` may open as staff: all for the PPID utama and the atasan;
    only those delegated to their OPD for a PPID pembantu."""
    scope = ppid_scope(user)
    qs = InformationRequest.objects.select_related("delegated_to")
    if scope.is_main or scope.reads_all:
        return qs
    if scope.agency_ids:
        return qs.filter(delegated_to_id__in=scope.agency_ids)
    return InformationRequest.objects.none()


def request_get_for(*, user, pk: int) -> InformationRequest:
    """One request for staff, or 404: another OPD's request reveals nothing."""
    req = request_list_for(user=user).filter(pk=pk).first()
    if req is None:
        raise Http404
    return req


def staff_queue_for(*, user, status: str = "", late: bool = False,
                    today=None) -> QuerySet[InformationRequest]:
    """The working list: open requests by due date; or one status; or only the late ones."""
    qs = request_list_for(user=user).defer("nik", "address", "secret_hash")
    qs = qs.filter(status=status) if status else qs.open()
    if late and today is not None:
        qs = qs.overdue(today)
    return qs.order_by("due_date", "received_at", "id")


def overdue_requests_for(*, user, today) -> QuerySet[InformationRequest]:
    """Open requests past their due date that `user` may open (for dashboards)."""
    return request_list_for(user=user).overdue(today)


def request_by_code(code: str) -> InformationRequest:
    req = InformationRequest.objects.filter(code__iexact=(code or "").strip()).first()
    if req is None:
        raise Http404
    return req


def _parse(facts: dict | None) -> dict | None:
    from datetime import date  # noqa: PLC0415

    if not facts:
        return None
    return {"start": date.fromisoformat(facts["start"]), "due": date.fromisoformat(facts["due"]),
            "skipped": [{"date": date.fromisoformat(d["date"]), "reason": d["reason"]}
                        for d in facts.get("skipped", [])]}


def deadline_explanation(req: InformationRequest) -> dict:
    """How the due date was reached: day 0, the days not counted, the extension (§3)."""
    from datetime import date  # noqa: PLC0415

    facts = req.deadline_facts or {}
    objection = facts.get("objection_deadline")
    return {"answer": _parse(facts.get("answer")), "extended": _parse(facts.get("extended")),
            "carry_out": _parse(facts.get("carry_out")) if req.is_carrying_out else None,
            # While the clock runs: holidays it was counted on that are not fixed yet.
            "estimated": deadline_estimates(req.alarm_start, req.due_date,
                                            get_work_calendar()) if req.is_open else [],
            "after_hours": facts.get("received_after_hours", False),
            "reason": req.extension_reason,
            "objection_deadline": date.fromisoformat(objection) if objection else None}


def disputes_with_timeline(req: InformationRequest, *, today: date) -> list[Dispute]:
    """The request's disputes, each with `timeline`: when the Komisi Informasi must begin
    and finish (UU 14/2008 Pasal 38) and what is late. Computed, not stored: the clock is
    the commission's, and an admin's new holiday moves it at once."""
    disputes = list(req.disputes.all())
    calendar = get_work_calendar() if disputes else None
    for dispute in disputes:
        dispute.timeline = commission_timeline(
            filed_on=dispute.filed_on, started_on=dispute.settlement_started_on,
            decided_on=dispute.decision_date, is_open=dispute.is_open, today=today,
            calendar=calendar)
    return disputes


def can_see_identity(*, user, req: InformationRequest) -> bool:
    """NIK, address and identity documents: PPID staff who may open this request."""
    scope = ppid_scope(user)
    return scope.sees_identity and request_list_for(user=user).filter(pk=req.pk).exists()


# --- objections ------------------------------------------------------------------------

def objection_list_for(*, user) -> QuerySet[Objection]:
    """Objections on the requests `user` may open (the atasan and the PPID utama: all,
    with those filed without a request, Pasal 35(1)(b))."""
    requests = request_list_for(user=user)
    scope = ppid_scope(user)
    mine = Q(request__in=requests.values("pk"))
    if scope.is_main or scope.reads_all:
        mine |= Q(request__isnull=True)
    return Objection.objects.filter(mine).select_related("request")


def objection_get_for(*, user, pk: int) -> Objection:
    objection = objection_list_for(user=user).filter(pk=pk).first()
    if objection is None:
        raise Http404
    return objection


def objection_queue_for(*, user, status: str = "") -> QuerySet[Objection]:
    qs = objection_list_for(user=user)
    qs = qs.filter(status=status) if status else qs.filter(status=Objection.Status.RECEIVED)
    return qs.order_by("due_date", "filed_at", "id")


# --- the public archive ----------------------------------------------------------------



def archive_list(*, q: str = "", outcome: str = "", year: int | None = None):
    """Answered requests an officer published: summary, dates and decision, nothing
    personal (only the columns listed here are read)."""
    qs = (InformationRequest.objects.answered().filter(decision__isnull=False)
          .exclude(archive_summary="")
          .select_related("decision", "delegated_to")
          .only("code", "archive_summary", "received_at", "status", "delegated_to__name",
                "delegated_to__short_name", "decision__outcome", "decision__exemption",
                "decision__other_ground", "decision__decided_at")
          .order_by("-decision__decided_at", "-id"))
    for word in q.split()[:8]:
        qs = qs.filter(archive_summary__icontains=word)
    if outcome:
        qs = qs.filter(decision__outcome=outcome)
    if year:
        qs = qs.filter(received_at__year=year)
    return qs


# --- Monev checklist (issue 13) ---------------------------------------------------------


@dataclass(frozen=True)
class MonevRow:
    """One line of the monev checklist: what the auditor asks, the answer, where to fix it."""

    label: str
    legal_source: str
    mark: str
    detail: str = ""
    fix_url: str = ""
    entries: tuple = ()


def monev_checklist(*, today: date) -> list[tuple[str, list[MonevRow]]]:
    """The monev checklist for the PPID utama, section by section, in a fixed number of
    queries whatever the number of items and entries."""
    def when(value) -> str:
        return formats.date_format(value, "j F Y") if value else ""

    published = DipEntry.objects.filter(is_published=True).only("id", "title")
    berkala = []
    for item in BerkalaItem.objects.prefetch_related(
            Prefetch("dip_entries", published)):
        if item.last_updated_on is None:
            detail = _("No published DIP entry fulfils this item.")
        else:
            detail = _("Last updated on %(date)s; out of date from %(stale)s.") % {
                "date": when(item.last_updated_on), "stale": when(item.stale_on)}
        berkala.append(MonevRow(item.title, item.legal_source,
                                monev.berkala_mark(item.last_updated_on, today), detail,
                                reverse("ppid:monev_berkala", args=[item.pk]),
                                tuple(item.dip_entries.all())))
    setiap_saat = []
    for item in SetiapSaatItem.objects.prefetch_related(
            Prefetch("dip_entries", published)):
        entries = tuple(item.dip_entries.all())
        available = bool(entries or item.url)
        setiap_saat.append(MonevRow(
            item.title, item.legal_source, monev.available_mark(available),
            item.url if available else _("Not yet marked available."),
            reverse("ppid:monev_setiap_saat", args=[item.pk]), entries))
    announced = [MonevRow(
        a.title, "UU 14/2008 Pasal 10", monev.GREEN,
        _("Published on %(date)s.") % {"date": when(timezone.localdate(a.published_at))},
        reverse("ppid:staff_announcements"))
        for a in Announcement.objects.filter(
            status=Announcement.Status.PUBLISHED,
            published_at__gte=timezone.now() - timedelta(days=365))]
    exempt = []
    for entry in DipEntry.objects.filter(information_class=InformationClass.DIKECUALIKAN):
        if entry.exempt_until is None and entry.exemption in monev.TERMED_EXEMPTIONS:
            detail = _("No term set (Art. 20: exemptions are not permanent).")
        elif entry.exempt_until is None:
            detail = _("%(decree)s; this ground carries no term.") % {
                "decree": entry.exemption_decree}
        else:
            detail = _("Exempt until %(date)s under %(decree)s.") % {
                "date": when(entry.exempt_until), "decree": entry.exemption_decree}
        exempt.append(MonevRow(entry.title, "UU 14/2008 Pasal 17, 19, 20",
                               monev.term_mark(entry.exemption, entry.exempt_until, today), detail,
                               reverse("ppid:staff_dip_edit", args=[entry.pk])))
    last_year = today.year - 1
    text = AnnualReportText.objects.filter(year=last_year).first()
    published = text is not None and text.published_at is not None
    if published:
        detail = _("Published on %(date)s.") % {"date": when(timezone.localdate(text.published_at))}
        fix = reverse("ppid:public_annual_report", args=[last_year])
    else:
        detail = (_("Its written parts are saved but it is not published.") if text
                  else _("Its written parts are not written."))
        fix = f"{reverse('ppid:annual_report')}?tahun={last_year}"
    report = [MonevRow(
        _("Annual report on information services for %(year)s") % {"year": last_year},
        "UU 14/2008 Pasal 12; Perki 1/2021", monev.available_mark(published), detail, fix)]
    return [
        (_("Service documents and decrees"), service_document_rows(today=today)),
        (_("Periodic information (berkala)"), berkala),
        (_("Serta-merta announcements of the last twelve months"), announced),
        (_("Information available at any time (setiap saat)"), setiap_saat),
        (_("Exempt information and the term of each exemption"), exempt),
        (_("Annual report of the previous year"), report),
    ]


# --- service documents (issue 13) ---------------------------------------------------------


def fee_schedule_in_force(*, on: date | None = None) -> ServiceDocument | None:
    """The published decision on fees in force on a day: the latest issued by then."""
    on = on or timezone.localdate()
    return (ServiceDocument.objects.filter(kind=ServiceDocument.Kind.FEE_DECISION,
                                           is_published=True, issued_on__lte=on)
            .order_by("-issued_on", "-id").first())


def service_documents_public() -> list[tuple[str, list[ServiceDocument]]]:
    """The published service documents by kind, the newest first, with their fee schedules
    and exempt entries, for the public page (in a fixed number of queries)."""
    docs = (ServiceDocument.objects.filter(is_published=True)
            .prefetch_related("fee_items",
                              Prefetch("exempt_entries",
                                       DipEntry.objects.order_by("exempt_until", "title")))
            .order_by("kind", "-issued_on", "-id"))
    by_kind: dict[str, list[ServiceDocument]] = {}
    for doc in docs:
        by_kind.setdefault(doc.kind, []).append(doc)
    return [(label, by_kind[kind]) for kind, label in ServiceDocument.Kind.choices
            if kind in by_kind]


def service_documents_staff():
    return ServiceDocument.objects.order_by("kind", "-issued_on", "-id")


def service_document_public_get(pk: int) -> ServiceDocument:
    doc = ServiceDocument.objects.filter(pk=pk, is_published=True).first()
    if doc is None:
        raise Http404
    return doc


# Which document each monev row asks for, and the rule it comes from.
SERVICE_DOCUMENT_SOURCES = {
    ServiceDocument.Kind.MAKLUMAT: "UU 25/2009 Pasal 22; Perki 1/2021",
    ServiceDocument.Kind.SOP: "Perki 1/2021 (SOP layanan informasi publik)",
    ServiceDocument.Kind.FEE_DECISION: "UU 14/2008 Pasal 21",
    ServiceDocument.Kind.EXEMPTION_DECREE: "UU 14/2008 Pasal 19 dan 20",
    ServiceDocument.Kind.DIP_DECREE: "Perki 1/2021 (penetapan DIP)",
}


def service_document_rows(*, today: date) -> list[MonevRow]:
    """One row per kind of service document: the latest published one, marked red when
    missing (a fee decision without a schedule, too), and a decree on exempt information
    amber or red as its review date nears or passes (Pasal 20)."""
    def when(value) -> str:
        return formats.date_format(value, "j F Y") if value else ""

    latest: dict[str, ServiceDocument] = {}
    for doc in (ServiceDocument.objects.filter(is_published=True)
                .order_by("kind", "-issued_on", "-id")):
        latest.setdefault(doc.kind, doc)
    fee_items = set(FeeItem.objects.values_list("decision_id", flat=True).distinct())
    rows = []
    for kind, label in ServiceDocument.Kind.choices:
        doc = latest.get(kind)
        fix = (reverse("ppid:service_document_edit", args=[doc.pk]) if doc
               else reverse("ppid:service_document_create"))
        if doc is None:
            mark, detail = monev.RED, _("None published.")
        else:
            mark = monev.GREEN
            detail = _("%(title)s, %(number)s, issued on %(date)s.") % {
                "title": doc.title, "number": doc.number or "—", "date": when(doc.issued_on)}
            if kind == ServiceDocument.Kind.FEE_DECISION and doc.pk not in fee_items:
                mark, detail = monev.RED, _("The decision has no fee schedule.")
            elif kind == ServiceDocument.Kind.EXEMPTION_DECREE and doc.review_on:
                mark = monev.due_mark(doc.review_on, today)
                detail += " " + _("To be reviewed by %(date)s.") % {"date": when(doc.review_on)}
        rows.append(MonevRow(str(label), SERVICE_DOCUMENT_SOURCES[kind], mark, detail, fix))
    return rows


def dip_updated_by_agency() -> dict[int, object]:
    """The newest change to each agency's published DIP entries (a UTC timestamp), for the
    publication score's 'DIP updated within six months'."""
    return dict(DipEntry.objects.filter(is_published=True).order_by()
                .values("agency_id").annotate(last=models.Max("updated_at"))
                .values_list("agency_id", "last"))
