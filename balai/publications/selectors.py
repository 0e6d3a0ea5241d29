"""Reads of OPD publications and the score, scoped by who asks (STYLE.md rule 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from balai.agencies.models import Agency
from balai.complaints.selectors import overdue_followup_by_agency
from balai.ppid.selectors import dip_updated_by_agency
from balai.public_services.selectors import PortalScope, portal_scope, readiness_by_agency
from balai.publications import score
from balai.publications.models import (
    ComplianceItem,
    ComplianceReview,
    Publication,
    ScoreSnapshot,
)


@dataclass(frozen=True)
class PublicationScope:
    """Whose publications a user writes: the same people as the OPD's public pages (a
    publication officer their own OPD, the editor OPD's officers and admins every OPD)."""

    portal: PortalScope

    @property
    def can_write(self) -> bool:
        return self.portal.can_edit

    @property
    def can_review(self) -> bool:
        """Scoring the reviewer items is the editor's (Diskominfo) job, not the OPD's own."""
        return self.portal.is_editor

    def agencies(self) -> QuerySet[Agency]:
        return self.portal.agencies().order_by("name")

    def publications(self) -> QuerySet[Publication]:
        qs = Publication.objects.select_related("agency", "author")
        ids = self.portal.agency_ids
        return qs if ids is None else qs.filter(agency_id__in=ids)

    def publication(self, pk: int) -> Publication:
        """One publication to edit; another OPD's is as good as absent (404)."""
        found = self.publications().filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def may_write(self, agency_id: int) -> bool:
        ids = self.portal.agency_ids
        return ids is None or agency_id in ids


def publication_scope(user) -> PublicationScope:
    return PublicationScope(portal_scope(user))


# --- public ----------------------------------------------------------------------------

def public(*, now=None) -> QuerySet[Publication]:
    return Publication.objects.public(now or timezone.now()).select_related("agency")


def news(*, agency: Agency | None = None, kind: str = "", now=None) -> QuerySet[Publication]:
    """News and announcements (agenda items have their own list), newest first."""
    qs = public(now=now).exclude(kind=Publication.Kind.AGENDA)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-publish_at", "-pk")


def agenda(*, agency: Agency | None = None, upcoming: bool, today: date | None = None,
           now=None) -> QuerySet[Publication]:
    """Agenda items from today on (soonest first) or before today (latest first)."""
    today = today or timezone.localdate()
    qs = public(now=now).filter(kind=Publication.Kind.AGENDA)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if upcoming:
        return qs.filter(event_date__gte=today).order_by("event_date", "start_time", "pk")
    return qs.filter(event_date__lt=today).order_by("-event_date", "-start_time", "-pk")


def agenda_all(*, agency: Agency | None = None, now=None) -> QuerySet[Publication]:
    qs = public(now=now).filter(kind=Publication.Kind.AGENDA)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("-event_date", "-pk")


def agency_public(code: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise Http404
    return agency


def publishing_agencies(*, now=None) -> QuerySet[Agency]:
    """The OPDs with at least one public publication (the list's filter)."""
    now = now or timezone.now()
    ids = Publication.objects.public(now).values("agency_id")
    return Agency.objects.filter(pk__in=ids).order_by("name")


def post_public(agency_code: str, slug: str, *, now=None) -> Publication:
    found = public(now=now).filter(agency__code=agency_code, slug=slug).first()
    if found is None:
        raise Http404
    return found


# --- the score -------------------------------------------------------------------------

def rubric() -> list[score.Item]:
    return [score.Item(i.code, i.label, i.weight, i.evaluation == ComplianceItem.Evaluation.
                       AUTOMATIC) for i in ComplianceItem.objects.filter(is_active=True)]


def _local_date(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def facts_for_month(month: date, *, today: date) -> dict[int, score.Facts]:
    """What balai knew about each active, non-external OPD on the day the month is judged.
    Posts and DIP changes after that day do not count; complaints and the directory are
    read as they stand (they keep no history), so a past month is best snapshotted on the
    1st of the next, as the periodic task does."""
    on = score.judged_on(month, today)
    end = timezone.make_aware(datetime.combine(on, time.max))
    agencies = list(Agency.objects.filter(is_active=True, is_external=False))
    last_post = dict(Publication.objects.filter(
        publish_at__lte=end, unpublished_at__isnull=True).exclude(kind=Publication.Kind.AGENDA)
        .order_by().values("agency_id").annotate(last=Max("publish_at"))
        .values_list("agency_id", "last"))
    dip = dip_updated_by_agency()
    standards = {a.pk: r.score for a, r in readiness_by_agency(today=on)}
    overdue = overdue_followup_by_agency(today=on)
    reviews: dict[int, dict[str, bool]] = {}
    for agency_id, code, passed in (ComplianceReview.objects.filter(month__lte=month)
                                    .order_by("agency_id", "item_id", "-month")
                                    .values_list("agency_id", "item__code", "passed")):
        reviews.setdefault(agency_id, {}).setdefault(code, passed)  # the latest first
    facts = {}
    for a in agencies:
        dip_on = _local_date(dip.get(a.pk))
        facts[a.pk] = score.Facts(
            last_post_on=_local_date(last_post.get(a.pk)),
            dip_updated_on=dip_on if dip_on and dip_on <= on else None,
            standards_score=standards.get(a.pk),
            overdue_complaints=overdue.get(a.pk, 0),
            has_contacts=bool(a.address and (a.phone or a.email)),
            reviews=reviews.get(a.pk, {}))
    return facts


def snapshot_months() -> list[date]:
    return list(ScoreSnapshot.objects.order_by("-month").values_list("month", flat=True)
                .distinct())


def ranking(month: date) -> list[ScoreSnapshot]:
    return list(ScoreSnapshot.objects.filter(month=month).select_related("agency")
                .order_by("-score", "agency__name"))


def snapshot_of(agency: Agency, month: date) -> ScoreSnapshot | None:
    return ScoreSnapshot.objects.filter(agency=agency, month=month).first()


def agency_history(agency: Agency) -> list[ScoreSnapshot]:
    return list(ScoreSnapshot.objects.filter(agency=agency).order_by("-month")[:12])


def reviews_of(agency: Agency, month: date) -> dict[str, ComplianceReview]:
    """The review in force for each reviewer item in `month` (the latest at or before)."""
    found: dict[str, ComplianceReview] = {}
    for review in (ComplianceReview.objects.filter(agency=agency, month__lte=month)
                   .select_related("item", "reviewer").order_by("item_id", "-month")):
        found.setdefault(review.item.code, review)
    return found
