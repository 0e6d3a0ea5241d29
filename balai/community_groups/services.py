"""Every change to the KIM registry and sites (STYLE.md rule 2), audited in its transaction.

Each service checks who acts through `kim_scope`: a KIM's officer changes their own KIM
only, whatever a view or a script hands them; registering a KIM, its status and decree,
and giving an officer an account are Diskominfo's (Permenkominfo 08/2010: a KIM registers
with Diskominfo, which coaches it).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balai.community_groups.models import (
    RESERVED_SLUGS,
    Activity,
    Competition,
    Cooperation,
    Criterion,
    Entry,
    Kim,
    Member,
    Officer,
    Post,
    Score,
)
from balai.community_groups.selectors import kim_scope
from balai.core.audit import log_action
from balai.core.reencode import reencode_image
from balai.lib.markdown import render_markdown

PROFILE_FIELDS = ("tagline", "about", "vision", "mission", "public_email", "instagram")
REGISTRY_FIELDS = ("name", "kelurahan", "status", "forum", "sk_number", "sk_date",
                   "sk_issuer", "kimid_ref", "founded_on")


def _require_edit(kim: Kim, actor) -> None:
    if not kim_scope(actor).may_edit(kim):
        raise PermissionDenied(_("You do not keep this KIM."))


def _require_registry(actor) -> None:
    if not kim_scope(actor).may_register():
        raise PermissionDenied(_("Only Diskominfo's KIM officers keep the registry."))


def _image(upload, name: str) -> ContentFile:
    clean = reencode_image(upload)
    return ContentFile(clean.data, name=f"{name}.jpg")


def kim_register(*, name: str, slug: str, kelurahan, actor, status: str = Kim.Status.FORMING,
                 sk_number: str = "", sk_date: date | None = None, sk_issuer: str = "",
                 sk_file=None, kimid_ref: str = "", forum=None,
                 founded_on: date | None = None) -> Kim:
    """Register a KIM with Diskominfo (Permenkominfo 08/2010, formation step 4)."""
    _require_registry(actor)
    slug = slugify(slug or name)[:80]
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is used by the KIM pages; choose "
                                         "another.")})
    if Kim.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another KIM already has this address.")})
    if status != Kim.Status.FORMING and not sk_number:
        raise ValidationError({"sk_number": _("An active or dormant KIM has its founding "
                                              "decree: enter the SK number.")})
    with transaction.atomic():
        kim = Kim(name=name, slug=slug, kelurahan=kelurahan, status=status,
                  sk_number=sk_number, sk_date=sk_date, sk_issuer=sk_issuer,
                  kimid_ref=kimid_ref, forum=forum, founded_on=founded_on)
        if sk_file:
            kim.sk_file.save(f"sk-{slug}.pdf", sk_file, save=False)
        kim.full_clean()
        kim.save()
        log_action(kim, "community_groups.registered", actor=actor,
                   data={"kelurahan": kelurahan.code, "status": status})
    return kim


def kim_registry_update(*, kim: Kim, actor, sk_file=None, **changes) -> Kim:
    """Change a KIM's registry record: name, kelurahan, status, decree, KIM.ID, forum."""
    _require_registry(actor)
    unknown = set(changes) - set(REGISTRY_FIELDS)
    if unknown:
        raise TypeError(f"not registry fields: {sorted(unknown)}")
    with transaction.atomic():
        kim = Kim.objects.select_for_update().get(pk=kim.pk)
        before = kim.status
        changed = [f for f, v in changes.items() if getattr(kim, f) != v]
        for field in changed:
            setattr(kim, field, changes[field])
        if kim.status != Kim.Status.FORMING and not kim.sk_number:
            raise ValidationError({"sk_number": _("An active or dormant KIM has its founding "
                                                  "decree: enter the SK number.")})
        if sk_file:
            kim.sk_file.save(f"sk-{kim.slug}.pdf", sk_file, save=False)
            changed.append("sk_file")
        if not changed:
            return kim
        kim.full_clean()
        kim.save(update_fields=[*changed, "updated_at"])
        log_action(kim, "community_groups.updated", actor=actor, data={"fields": changed})
        if kim.status != before:
            log_action(kim, "community_groups.status_changed", actor=actor,
                       data={"from": before, "to": kim.status})
    return kim


def kim_profile_update(*, kim: Kim, actor, **changes) -> Kim:
    """Change what a KIM's site says about it (about, vision, mission, contact)."""
    _require_edit(kim, actor)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        kim = Kim.objects.select_for_update().get(pk=kim.pk)
        changed = [f for f, v in changes.items() if getattr(kim, f) != v]
        for field in changed:
            setattr(kim, field, changes[field])
        if changed:
            kim.full_clean()
            kim.save(update_fields=[*changed, "updated_at"])
            log_action(kim, "community_groups.updated", actor=actor, data={"fields": changed})
    return kim


def officer_add(*, kim: Kim, name: str, position: str, actor, section: str = "",
                phone: str = "", user=None) -> Officer:
    """Add an officer to a KIM's structure; only Diskominfo gives them an account's rights."""
    _require_edit(kim, actor)
    if user is not None:
        _require_registry(actor)
    with transaction.atomic():
        officer = Officer(kim=kim, name=name, position=position, section=section, phone=phone,
                          user=user)
        officer.full_clean()
        officer.save()
        log_action(kim, "community_groups.officer_added", actor=actor,
                   data={"officer": officer.pk, "name": name, "position": position,
                         "account": getattr(user, "email", "")})
    return officer


def officer_remove(*, officer: Officer, actor) -> None:
    _require_edit(officer.kim, actor)
    if officer.user_id:
        _require_registry(actor)
    with transaction.atomic():
        log_action(officer.kim, "community_groups.officer_removed", actor=actor,
                   data={"officer": officer.pk, "name": officer.name})
        officer.delete()


def member_add(*, kim: Kim, name: str, actor, contact: str = "",
               joined_on: date | None = None) -> Member:
    _require_edit(kim, actor)
    with transaction.atomic():
        member = Member(kim=kim, name=name, contact=contact, joined_on=joined_on)
        member.full_clean()
        member.save()
        log_action(kim, "community_groups.member_added", actor=actor,
                   data={"member": member.pk, "name": name})
    return member


def member_remove(*, member: Member, actor) -> None:
    _require_edit(member.kim, actor)
    with transaction.atomic():
        log_action(member.kim, "community_groups.member_removed", actor=actor,
                   data={"member": member.pk, "name": member.name})
        member.delete()


def cooperation_add(*, kim: Kim, partner: str, partner_region: str, started_on: date, actor,
                    about: str = "") -> Cooperation:
    """Record a KIM's cooperation with a KIM of another region."""
    _require_edit(kim, actor)
    with transaction.atomic():
        row = Cooperation(kim=kim, partner=partner, partner_region=partner_region,
                          started_on=started_on, about=about)
        row.full_clean()
        row.save()
        log_action(kim, "community_groups.cooperation_added", actor=actor,
                   data={"partner": partner, "region": partner_region})
    return row


def activity_record(*, kim: Kim, held_on: date, kind: str, title: str, actor,
                    organiser: str = "", evidence_photo=None, evidence_link: str = "",
                    today: date | None = None) -> Activity:
    """Record an activity or a training a KIM attended, with its evidence."""
    _require_edit(kim, actor)
    today = today or timezone.localdate()
    errors = {}
    if held_on > today:
        errors["held_on"] = _("An activity is recorded once it has happened: the date is "
                              "after today.")
    if not evidence_photo and not evidence_link:
        errors["evidence_link"] = _("Add the evidence: a photo, or a link to the report or "
                                    "the post about it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        activity = Activity(kim=kim, held_on=held_on, kind=kind, title=title,
                            organiser=organiser, evidence_link=evidence_link,
                            recorded_by=actor if getattr(actor, "pk", None) else None)
        if evidence_photo:
            activity.evidence_photo.save("bukti.jpg", _image(evidence_photo, "bukti"),
                                         save=False)
        activity.full_clean()
        activity.save()
        log_action(kim, "community_groups.activity_recorded", actor=actor,
                   data={"activity": activity.pk, "kind": kind, "held_on": held_on})
    return activity


def _post_slug(kim: Kim, title: str, exclude: int | None = None) -> str:
    base = slugify(title)[:70] or "tulisan"
    slug, n = base, 1
    taken = kim.posts.exclude(pk=exclude) if exclude else kim.posts.all()
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_post(kind: str, event_on: date | None) -> None:
    if kind == Post.Kind.AGENDA and not event_on:
        raise ValidationError({"event_on": _("An agenda entry needs the day it happens.")})


def post_publish(*, kim: Kim, kind: str, title: str, body: str, actor,
                 event_on: date | None = None, event_place: str = "", image=None,
                 now: datetime | None = None) -> Post:
    """Publish a news item or an agenda entry on a KIM's site; the Markdown is rendered and
    sanitised once, here."""
    _require_edit(kim, actor)
    _check_post(kind, event_on)
    with transaction.atomic():
        post = Post(kim=kim, kind=kind, title=title, slug=_post_slug(kim, title), body=body,
                    body_html=render_markdown(body), event_on=event_on,
                    event_place=event_place, published_at=now or timezone.now(),
                    author=actor if getattr(actor, "pk", None) else None)
        if image:
            post.image.save("gambar.jpg", _image(image, "gambar"), save=False)
        post.full_clean()
        post.save()
        log_action(post, "community_groups.post_published", actor=actor,
                   data={"kim": kim.slug, "kind": kind})
    return post


def post_update(*, post: Post, title: str, body: str, actor, event_on: date | None = None,
                event_place: str = "", image=None) -> Post:
    _require_edit(post.kim, actor)
    _check_post(post.kind, event_on)
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("kim").get(pk=post.pk)
        post.title, post.body, post.body_html = title, body, render_markdown(body)
        post.event_on, post.event_place = event_on, event_place
        if image:
            post.image.save("gambar.jpg", _image(image, "gambar"), save=False)
        post.full_clean()
        post.save()
        log_action(post, "community_groups.post_updated", actor=actor)
    return post


def post_remove(*, post: Post, actor) -> Post:
    _require_edit(post.kim, actor)
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("kim").get(pk=post.pk)
        if post.removed_at is None:
            post.removed_at = timezone.now()
            post.save(update_fields=["removed_at", "updated_at"])
            log_action(post, "community_groups.post_removed", actor=actor)
    return post


def kim_decree_opened(*, kim: Kim, actor) -> None:
    """Note who opened a KIM's decree file (private: it carries officers' personal data)."""
    _require_edit(kim, actor)
    with transaction.atomic():
        log_action(kim, "community_groups.decree_viewed", actor=actor)


# --- competitions (the Lomba KIM, and any award judged by criteria) ------------------------

def competition_open(*, name: str, year: int, criteria: list[tuple[str, int, int]], judges,
                     actor, kims=None) -> Competition:
    """Open a scoring round: its criteria (name, weight, highest score), its judges, and
    every active KIM as an entry unless `kims` are named."""
    _require_registry(actor)
    if not criteria or not judges:
        raise ValidationError(_("A competition needs at least one criterion and one judge."))
    with transaction.atomic():
        round_ = Competition.objects.create(name=name, year=year)
        round_.judges.set(judges)
        Criterion.objects.bulk_create(
            Criterion(competition=round_, name=c, weight=w, max_score=m, position=n)
            for n, (c, w, m) in enumerate(criteria))
        kims = kims if kims is not None else Kim.objects.filter(status=Kim.Status.ACTIVE)
        Entry.objects.bulk_create(Entry(competition=round_, kim=k, name=k.name) for k in kims)
        log_action(round_, "community_groups.competition_created", actor=actor,
                   data={"criteria": [c for c, _w, _m in criteria]})
    return round_


def competition_score(*, competition: Competition, values: dict[tuple[int, int], int],
                      judge) -> int:
    """A judge records (or corrects) their scores: {(entry id, criterion id): value}."""
    if not competition.judges.filter(pk=judge.pk).exists():
        raise PermissionDenied(_("You are not a judge of this competition."))
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(pk=competition.pk)
        if competition.status != Competition.Status.SCORING:
            raise ValidationError(_("The results are published: scores can no longer "
                                    "change."))
        criteria = {c.pk: c for c in competition.criteria.all()}
        entries = set(competition.entries.values_list("pk", flat=True))
        errors = []
        for (entry, criterion), value in values.items():
            c = criteria.get(criterion)
            if entry not in entries or c is None:
                raise PermissionDenied
            if not 0 <= value <= c.max_score:
                errors.append(_("%(criterion)s: give a score from 0 to %(max)s.")
                              % {"criterion": c.name, "max": c.max_score})
        if errors:
            raise ValidationError(sorted(set(errors)))
        for (entry, criterion), value in values.items():
            Score.objects.update_or_create(entry_id=entry, criterion_id=criterion,
                                           judge=judge, defaults={"value": value})
        log_action(competition, "community_groups.scores_recorded", actor=judge,
                   data={"scores": len(values)})
    return len(values)


def competition_close(*, competition: Competition, actor) -> Competition:
    """Publish the results: the ranking is public and the scores are final. Refused while
    an entry has a criterion no judge has scored (its total would count it as 0)."""
    _require_registry(actor)
    missing = (Entry.objects.filter(competition=competition).count()
               * Criterion.objects.filter(competition=competition).count()
               - Score.objects.filter(entry__competition=competition)
               .values("entry_id", "criterion_id").distinct().count())
    if missing and competition.status == Competition.Status.SCORING:
        raise ValidationError(_("%(n)s scores are still missing: every entry needs a score "
                                "on every criterion before the results are published.")
                              % {"n": missing})
    with transaction.atomic():
        updated = Competition.objects.filter(
            pk=competition.pk, status=Competition.Status.SCORING).update(
            status=Competition.Status.CLOSED)
        if updated:
            log_action(competition, "community_groups.competition_closed", actor=actor)
    competition.refresh_from_db()
    return competition
