"""Writes of OPD publications and the score: one door per change, audited in the same
transaction (STYLE.md rules 2-3)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.core.audit import log_action
from balai.core.reencode import reencode_image
from balai.lib.markdown import render_markdown
from balai.publications import score
from balai.publications.models import (
    ComplianceItem,
    ComplianceReview,
    Publication,
    PublicationVersion,
    ScoreSnapshot,
)
from balai.publications.selectors import facts_for_month, publication_scope, rubric

AGENDA_FIELDS = ("event_date", "start_time", "end_time", "place")


def _require_write(agency_id: int, actor) -> None:
    if not publication_scope(actor).may_write(agency_id):
        raise PermissionDenied(_("Anda tidak menulis untuk OPD ini."))


def _unique_slug(publication: Publication) -> str:
    base = slugify(publication.title)[:80] or "publikasi"
    slug, n = base, 2
    while (Publication.objects.filter(agency_id=publication.agency_id, slug=slug)
           .exclude(pk=publication.pk).exists()):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _keep_version(publication: Publication, *, note: str, actor) -> None:
    """Keep the wording as it stands in the database before it changes."""
    stored = Publication.objects.values("title", "body", "version").get(pk=publication.pk)
    PublicationVersion.objects.create(publication=publication, number=stored["version"],
                                      title=stored["title"], body=stored["body"],
                                      note=note[:1000], actor=actor)


def _is_public(publication_pk: int, now) -> bool:
    return Publication.objects.filter(pk=publication_pk).public(now).exists()


@transaction.atomic
def publication_save(*, publication: Publication, actor, image=None, now=None) -> Publication:
    """Write or change a news item, announcement or agenda item of an OPD.

    A publication already public changes its wording only by a correction
    (publication_correct), so that readers see what was corrected."""
    now = now or timezone.now()
    created = publication.pk is None
    _require_write(publication.agency_id, actor)
    if not created:
        stored = Publication.objects.select_for_update().get(pk=publication.pk)
        _require_write(stored.agency_id, actor)
        if _is_public(stored.pk, now) and (stored.title, stored.body) != (
                publication.title, publication.body):
            raise ValidationError(_("Publikasi ini sudah terbit: ubah isinya lewat koreksi."))
        if (stored.title, stored.body) != (publication.title, publication.body):
            _keep_version(publication, note="", actor=actor)
            publication.version = stored.version + 1
    if not publication.slug:
        publication.slug = _unique_slug(publication)
    if publication.kind != Publication.Kind.AGENDA:
        publication.event_date = publication.start_time = publication.end_time = None
    publication.body_html = render_markdown(publication.body)
    if created and publication.author_id is None and getattr(actor, "pk", None):
        publication.author = actor
    if image:
        publication.image.save("gambar.jpg", ContentFile(reencode_image(image).data),
                               save=False)
    publication.full_clean()
    publication.save()
    log_action(publication, "publications.created" if created else "publications.updated",
               actor=actor, data={"agency": publication.agency.code, "kind": publication.kind,
                                  "publish_at": publication.publish_at.isoformat()})
    return publication


@transaction.atomic
def publication_correct(*, publication: Publication, title: str, body: str, note: str,
                        actor, event: dict | None = None, now=None) -> Publication:
    """Correct a published item: the new wording (and for an agenda item its day, times or
    place), a note shown with its date on the post, the old wording kept as a version and
    the old day, times and place in the audit entry."""
    now = now or timezone.now()
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_write(publication.agency_id, actor)
    if not note.strip():
        raise ValidationError(_("Tulis apa yang dikoreksi."))
    _keep_version(publication, note=note, actor=actor)
    was = {}
    if publication.kind == Publication.Kind.AGENDA:
        for name, value in (event or {}).items():
            if name in AGENDA_FIELDS and getattr(publication, name) != value:
                was[name] = str(getattr(publication, name) or "")
                setattr(publication, name, value)
    publication.title, publication.body = title, body
    publication.body_html = render_markdown(body)
    publication.correction_note = note.strip()
    publication.corrected_at = now
    publication.version += 1
    publication.full_clean()
    publication.save(update_fields=["title", "body", "body_html", "correction_note",
                                    "corrected_at", "version", "updated_at", *AGENDA_FIELDS])
    log_action(publication, "publications.corrected", actor=actor,
               data={"version": publication.version, "note": publication.correction_note,
                     "was": was})
    return publication


@transaction.atomic
def publication_unpublish(*, publication: Publication, reason: str, actor,
                          now=None) -> Publication:
    """Withdraw a publication from every public page, feed, calendar and the sitemap."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_write(publication.agency_id, actor)
    if publication.unpublished_at is None:
        publication.unpublished_at = now or timezone.now()
        publication.save(update_fields=["unpublished_at", "updated_at"])
        log_action(publication, "publications.unpublished", actor=actor,
                   data={"reason": reason[:300]})
    return publication


@transaction.atomic
def review_record(*, agency: Agency, item: ComplianceItem, month: date, passed: bool,
                  evidence_url: str = "", note: str = "", actor) -> ComplianceReview:
    """Record a reviewer's yes/no for one rubric item of an OPD in a month."""
    if not publication_scope(actor).can_review:
        raise PermissionDenied(_("Hanya redaksi Diskominfo yang menilai."))
    if item.evaluation != ComplianceItem.Evaluation.REVIEWER:
        raise ValidationError(_("Butir ini dinilai otomatis."))
    review, _created = ComplianceReview.objects.update_or_create(
        agency=agency, item=item, month=score.month_start(month),
        defaults={"passed": passed, "evidence_url": evidence_url, "note": note[:300],
                  "reviewer": actor})
    log_action(review, "publications.reviewed", actor=actor,
               data={"agency": agency.code, "item": item.code,
                     "month": review.month.isoformat(), "passed": passed,
                     "evidence_url": evidence_url})
    return review


@transaction.atomic
def score_snapshot_month(*, month: date, today: date, actor=None) -> list[ScoreSnapshot]:
    """Compute and keep every OPD's publication score for a month (replacing that month's
    snapshot when run again: idempotent)."""
    month = score.month_start(month)
    items = rubric()
    on = score.judged_on(month, today)
    kept = []
    for agency_id, facts in facts_for_month(month, today=today).items():
        results = score.evaluate(items, facts, on=on)
        snap, _created = ScoreSnapshot.objects.update_or_create(
            agency_id=agency_id, month=month,
            defaults={"score": score.total(results),
                      "items": [r.as_json() for r in results]})
        kept.append(snap)
    if kept:
        log_action(kept[0], "publications.scored", actor=actor,
                   data={"month": month.isoformat(), "agencies": len(kept)})
    return kept
