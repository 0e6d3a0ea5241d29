"""Reads of persuratan, always through the viewer's scope (STYLE.md rules 4 and 8).

Who may see an incoming letter follows its security class and its disposition tree and
nothing else (`IncomingLetterQuerySet.visible_to`); every list, page, scan, search and
export below starts from that queryset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.core.workflow import Transition
from balai.correspondence.models import (
    Disposition,
    IncomingLetter,
    OutgoingLetter,
    Position,
    RetentionRule,
    Review,
)
from balai.correspondence.workflow import (
    ADDRESSEE,
    AUTHOR,
    DISPOSITION_WORKFLOW,
    DRAFT_WORKFLOW,
    LETTER_WORKFLOW,
    RECIPIENT,
    REVIEWER,
    SIGNER,
)
from balai.lib.dates import days_range


@dataclass(frozen=True)
class CorrespondenceScope:
    """What one user may do in persuratan."""

    user: object
    position: Position | None
    is_front_office: bool

    @property
    def is_member(self) -> bool:
        return self.is_front_office or self.position is not None

    def letters(self):
        return IncomingLetter.objects.visible_to(self.user)

    def letter_actions(self, letter: IncomingLetter) -> list[Transition]:
        sides = {ADDRESSEE} if letter.addressee.user_id == self.user.pk else set()
        return LETTER_WORKFLOW.offered(letter.status, sides)

    def disposition_actions(self, disposition: Disposition) -> list[Transition]:
        if disposition.recipient_id != self.user.pk or not disposition.letter.is_open:
            return []
        offered = DISPOSITION_WORKFLOW.offered(disposition.status, {RECIPIENT})
        if self.position is None or not self.position.children.exists():
            offered = [t for t in offered if t.action != "forward"]
        return offered

    def draft_sides(self, draft: OutgoingLetter) -> set[str]:
        sides = set()
        if draft.author_id == self.user.pk:
            sides.add(AUTHOR)
        if draft.signer_id == self.user.pk:
            sides.add(SIGNER)
        turn = review_turn(draft)
        if turn is not None and turn.reviewer_id == self.user.pk:
            sides.add(REVIEWER)
        return sides

    def draft_actions(self, draft: OutgoingLetter) -> list[Transition]:
        sides = self.draft_sides(draft)
        offered = DRAFT_WORKFLOW.offered(draft.status, sides)
        # The reviewer returns while reviewing; the signer returns an approved draft.
        return [t for t in offered if not (
            t.action == "return" and draft.status == OutgoingLetter.Status.IN_REVIEW
            and REVIEWER not in sides)]


def correspondence_scope(user) -> CorrespondenceScope:
    position = (Position.objects.select_related("agency", "parent").filter(user=user).first()
                if getattr(user, "is_authenticated", False) else None)
    return CorrespondenceScope(
        user=user, position=position,
        is_front_office=getattr(user, "role", "") == Role.PETUGAS_SURAT)


def review_turn(draft: OutgoingLetter) -> Review | None:
    """The reviewer whose paraf the draft waits for, or None (not in review, or all done)."""
    if draft.status != OutgoingLetter.Status.IN_REVIEW:
        return None
    return draft.reviews.filter(state=Review.State.WAITING).order_by("order").first()


def letter_for(*, user, pk: int) -> IncomingLetter:
    """The letter if `user` may see it; 404 otherwise (never 403: no hint it exists)."""
    letter = (IncomingLetter.objects.visible_to(user)
              .select_related("addressee__user", "classification", "registered_by")
              .filter(pk=pk).first())
    if letter is None:
        raise Http404
    return letter


def letter_search(*, user, q: str = "", sender: str = "", number: str = "",
                  received_from: date | None = None, received_to: date | None = None,
                  classification: str = "", status: str = ""):
    """The agenda book as `user` may see it, filtered."""
    qs = IncomingLetter.objects.visible_to(user).select_related("classification",
                                                                 "addressee__user")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(summary__icontains=q)
                       | Q(code__iexact=q.strip()))
    if sender:
        qs = qs.filter(sender_name__icontains=sender)
    if number:
        qs = qs.filter(Q(letter_number__icontains=number)
                       | Q(agenda_number=int(number))
                       if number.isascii() and number.isdigit()
                       else Q(letter_number__icontains=number))
    start, end = days_range(received_from, received_to, timezone.get_current_timezone())
    if start:
        qs = qs.filter(received_at__gte=start)
    if end:
        qs = qs.filter(received_at__lt=end)
    if classification:
        qs = qs.filter(classification__code__startswith=classification)
    if status in IncomingLetter.Status.values:
        qs = qs.filter(status=status)
    return qs


def disposition_tree(letter: IncomingLetter) -> list[tuple[Disposition, int]]:
    """The letter's dispositions in tree order, each with its depth (0: from the head)."""
    rows = list(letter.dispositions.select_related("sender", "recipient"))
    children: dict[int | None, list[Disposition]] = {}
    for d in rows:
        children.setdefault(d.parent_id, []).append(d)
    ordered: list[tuple[Disposition, int]] = []

    def walk(parent_id, depth):
        for d in children.get(parent_id, []):
            ordered.append((d, depth))
            walk(d.pk, depth + 1)

    walk(None, 0)
    return ordered


def my_dispositions(*, user, letter: IncomingLetter) -> list[Disposition]:
    return [d for d in letter.dispositions.all() if d.recipient_id == user.pk]


def queues_for(*, user, today: date) -> dict[str, int]:
    """The counts of a person's queues, SRIKANDI-style (the workdesk shows them)."""
    received = Disposition.objects.filter(recipient=user)
    counts = received.aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)),
        pending=Count("pk", filter=Q(status=Disposition.Status.OPEN)),
        overdue=Count("pk", filter=Q(status=Disposition.Status.OPEN, due_on__lt=today)))
    unread_letters = IncomingLetter.objects.filter(
        addressee__user=user, addressee_read_at__isnull=True).exclude(
        status=IncomingLetter.Status.CLOSED).count()
    drafts = OutgoingLetter.objects.filter(author=user)
    return {
        "incoming_unread": counts["unread"] + unread_letters,
        "dispositions_pending": counts["pending"],
        "dispositions_overdue": counts["overdue"],
        "to_review": len(to_review(user=user)),
        "to_sign": OutgoingLetter.objects.filter(
            signer=user, status=OutgoingLetter.Status.APPROVED).count(),
        "returned": drafts.filter(status=OutgoingLetter.Status.RETURNED).count(),
        "copies": copies_for(user=user).count(),
    }


def to_review(*, user) -> list[OutgoingLetter]:
    """Drafts in review whose next paraf is `user`'s."""
    waiting = (OutgoingLetter.objects.filter(status=OutgoingLetter.Status.IN_REVIEW,
                                             reviews__reviewer=user,
                                             reviews__state=Review.State.WAITING)
               .distinct().prefetch_related("reviews"))
    mine = []
    for draft in waiting:
        pending = [r for r in draft.reviews.all() if r.state == Review.State.WAITING]
        if pending and min(pending, key=lambda r: r.order).reviewer_id == user.pk:
            mine.append(draft)
    return mine


def copies_for(*, user):
    """Signed letters that name `user`'s position among the copies (tembusan)."""
    position = Position.objects.filter(user=user).first()
    if position is None:
        return OutgoingLetter.objects.none()
    return OutgoingLetter.objects.filter(status=OutgoingLetter.Status.SIGNED,
                                         copies__icontains=position.title)


def queue_letters(*, user, queue: str, today: date):
    """The rows of one queue."""
    if queue == "unread":
        return IncomingLetter.objects.visible_to(user).filter(
            Q(addressee__user=user, addressee_read_at__isnull=True)
            | Q(dispositions__recipient=user, dispositions__read_at__isnull=True)).exclude(
            status=IncomingLetter.Status.CLOSED).distinct()
    if queue in ("pending", "overdue"):
        filters = {"dispositions__recipient": user,
                   "dispositions__status": Disposition.Status.OPEN}
        if queue == "overdue":
            filters["dispositions__due_on__lt"] = today
        return IncomingLetter.objects.visible_to(user).filter(**filters).distinct()
    if queue == "to_dispose":
        return IncomingLetter.objects.filter(addressee__user=user,
                                             status=IncomingLetter.Status.REGISTERED)
    return IncomingLetter.objects.visible_to(user)


def workdesk_panel(*, user, today: date) -> dict | None:
    """The workdesk's persuratan panel for anyone in the office (or its front office):
    the total waiting and each queue's count, SRIKANDI-style; None for everyone else."""
    scope = correspondence_scope(user)
    if not scope.is_member:
        return None
    counts = queues_for(user=user, today=today)
    to_dispose = IncomingLetter.objects.filter(
        addressee__user=user, status=IncomingLetter.Status.REGISTERED).count()
    parts = [
        (_("awaiting my disposition"), to_dispose),
        (_("incoming unread"), counts["incoming_unread"]),
        (_("dispositions not followed up"), counts["dispositions_pending"]),
        (_("overdue"), counts["dispositions_overdue"]),
        (_("to review"), counts["to_review"]),
        (_("to sign"), counts["to_sign"]),
        (_("returned"), counts["returned"]),
        (_("copies"), counts["copies"]),
    ]
    return {
        "key": "correspondence", "title": _("Correspondence"),
        "text": " · ".join(f"{label} {n}" for label, n in parts),
        "empty": _("No letters are waiting for you."),
        "url": reverse("correspondence:index"),
        "count": to_dispose + counts["incoming_unread"] + counts["dispositions_pending"]
        + counts["to_review"] + counts["to_sign"] + counts["returned"],
    }


def archive_for(*, user) -> list[dict]:
    """The filed (closed) letters `user` may see, by archive classification, each code with
    its retention schedule (JRA) and when its oldest letter leaves the active file."""
    rows = (IncomingLetter.objects.visible_to(user)
            .filter(status=IncomingLetter.Status.CLOSED, classification__isnull=False)
            .values("classification_id", "classification__code", "classification__name")
            .annotate(n=Count("pk"), oldest=Min("closed_at"))
            .order_by("classification__code"))
    rules = {r.classification_id: r for r in RetentionRule.objects.all()}
    archive = []
    for row in rows:
        rule = rules.get(row["classification_id"])
        oldest_year = timezone.localdate(row["oldest"]).year if row["oldest"] else None
        archive.append({
            "code": row["classification__code"], "name": row["classification__name"],
            "count": row["n"], "rule": rule,
            "active_until": oldest_year + rule.active_years if rule and oldest_year else None,
            "inactive_until": (oldest_year + rule.active_years + rule.inactive_years
                               if rule and oldest_year else None),
        })
    return archive
