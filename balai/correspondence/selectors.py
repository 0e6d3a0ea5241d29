"""Reads of persuratan, always through the viewer's scope (STYLE.md rules 4 and 8).

Who may see an incoming letter follows its security class and its disposition tree and
nothing else (`IncomingLetterQuerySet.visible_to`); every list, page, scan, search and
export below starts from that queryset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q, Value
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.core.workflow import Transition
from balai.correspondence.models import (
    Disposition,
    Distribution,
    IncomingLetter,
    OutgoingLetter,
    Position,
    RetentionRule,
    Review,
    letter_visibility,
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


def agenda_for(*, user):
    """The agenda book as `user` reads it: the letters they may see (`is_visible`), and
    for the front office that keeps the book also the rahasia letters outside their
    reach, as masked rows (`is_visible` False: agenda number, received date and class
    only), so the book shows no unexplained gap and nothing of what is secret.

    The front office sees every biasa and terbatas letter, so its book is every letter,
    each marked by the visibility condition (no filter to evaluate on a million rows)."""
    if getattr(user, "role", "") != Role.PETUGAS_SURAT:
        return _all_visible(IncomingLetter.objects.visible_to(user))
    return IncomingLetter.objects.annotate(is_visible=ExpressionWrapper(
        letter_visibility(user), output_field=BooleanField()))


def _all_visible(letters):
    return letters.annotate(is_visible=Value(True, output_field=BooleanField()))


def letter_search(*, user, **criteria):
    """The agenda book as `user` may see it, filtered (`letters_filtered`)."""
    return letters_filtered(agenda_for(user=user), user=user, **criteria).select_related(
        "classification", "addressee__user")


def letters_filtered(letters, *, user, q: str = "", sender: str = "", number: str = "",
                     received_from: date | None = None, received_to: date | None = None,
                     classification: str = "", status: str = ""):
    """`letters` (the agenda book or one queue, with `is_visible`) narrowed by a search.

    A search on content (subject, sender, number, code, status) only ever matches letters
    the viewer may see: a masked row found by its subject would tell what the subject is."""
    if (q or sender or number or classification or status) \
            and getattr(user, "role", "") == Role.PETUGAS_SURAT:
        letters = letters.filter(letter_visibility(user))
    if q:
        letters = letters.filter(Q(subject__icontains=q) | Q(summary__icontains=q)
                                 | Q(code__iexact=q.strip()))
    if sender:
        letters = letters.filter(sender_name__icontains=sender)
    if number:
        letters = letters.filter(Q(letter_number__icontains=number)
                                 | Q(agenda_number=int(number))
                                 if number.isascii() and number.isdigit()
                                 else Q(letter_number__icontains=number))
    start, end = days_range(received_from, received_to, timezone.get_current_timezone())
    if start:
        letters = letters.filter(received_at__gte=start)
    if end:
        letters = letters.filter(received_at__lt=end)
    if classification:
        letters = letters.filter(classification__code__startswith=classification)
    if status in IncomingLetter.Status.values:
        letters = letters.filter(status=status)
    return letters


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


def _position_id(user) -> int | None:
    return Position.objects.filter(user=user).values_list("pk", flat=True).first()


def _unread_addressed(user):
    """Open letters addressed to `user` that they have not opened (partial index)."""
    return IncomingLetter.objects.filter(
        addressee_id=_position_id(user), addressee_read_at__isnull=True).exclude(
        status=IncomingLetter.Status.CLOSED)


def queues_for(*, user, today: date) -> dict[str, int]:
    """The counts of a person's queues, SRIKANDI-style (the workdesk shows them); each a
    count on its own partial index, not one pass over everything a kabid ever received."""
    received = Disposition.objects.filter(recipient=user)
    drafts = OutgoingLetter.objects.filter(author=user)
    return {
        "incoming_unread": received.filter(read_at__isnull=True).count()
        + _unread_addressed(user).count(),
        "dispositions_pending": received.pending().count(),
        "dispositions_overdue": received.pending().filter(due_on__lt=today).count(),
        "to_review": len(to_review(user=user)),
        "to_sign": OutgoingLetter.objects.filter(
            signer=user, status=OutgoingLetter.Status.APPROVED).count(),
        "returned": drafts.filter(status=OutgoingLetter.Status.RETURNED).count(),
        "copies": copies_for(user=user).filter(read_at__isnull=True).count(),
        "received": received_for(user=user, role=Distribution.Role.TO).filter(
            read_at__isnull=True).count(),
        "not_sent": not_sent_for(user=user).count(),
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


def received_for(*, user, role: str | None = None):
    """The signed letters sent to `user`'s position in balai (as addressee or copy),
    newest first: their rows of the expedition record."""
    rows = Distribution.objects.filter(position__user=user,
                                       channel=Distribution.Channel.INTERNAL)
    if role is not None:
        rows = rows.filter(role=role)
    return rows.select_related("letter__document__number").order_by("-sent_at", "-id")


def copies_for(*, user):
    """The copies (tembusan) sent to `user`'s position: the letters whose distribution
    names their position as a copy, not a guess from the copy lines' text."""
    return received_for(user=user, role=Distribution.Role.COPY)


def not_sent_for(*, user):
    """Letters signed but not yet sent, for their author and signer to dispatch."""
    return (OutgoingLetter.objects.filter(status=OutgoingLetter.Status.SIGNED)
            .filter(Q(author=user) | Q(signer=user)).select_related("document__number"))


def queue_letters(*, user, queue: str, today: date):
    """The rows of one queue. A queue holds letters whose tree `user` is in (as addressee
    or recipient), so they are found from the user's side on an index (the letters by
    their ids) instead of testing the visibility of every letter; `visible_to` still
    guards them."""
    if queue == "to_dispose":
        return _all_visible(IncomingLetter.objects.filter(
            addressee_id=_position_id(user), status=IncomingLetter.Status.REGISTERED))
    if queue == "unread":
        ids = Disposition.objects.filter(recipient=user, read_at__isnull=True).values(
            "letter_id").order_by().union(_unread_addressed(user).values("pk").order_by())
        mine = IncomingLetter.objects.filter(pk__in=ids).exclude(
            status=IncomingLetter.Status.CLOSED)
    elif queue in ("pending", "overdue"):
        received = Disposition.objects.pending().filter(recipient=user)
        if queue == "overdue":
            received = received.filter(due_on__lt=today)
        mine = IncomingLetter.objects.filter(pk__in=received.values("letter_id"))
    else:
        return agenda_for(user=user)
    return _all_visible(mine.visible_to(user))


def workdesk_panel(*, user, today: date) -> dict | None:
    """The workdesk's persuratan panel for anyone in the office (or its front office):
    the total waiting and each queue's count, SRIKANDI-style; None for everyone else."""
    scope = correspondence_scope(user)
    if not scope.is_member:
        return None
    counts = queues_for(user=user, today=today)
    to_dispose = IncomingLetter.objects.filter(
        addressee_id=_position_id(user), status=IncomingLetter.Status.REGISTERED).count()
    parts = [
        (_("awaiting my disposition"), to_dispose),
        (_("incoming unread"), counts["incoming_unread"]),
        (_("dispositions not followed up"), counts["dispositions_pending"]),
        (_("overdue"), counts["dispositions_overdue"]),
        (_("to review"), counts["to_review"]),
        (_("to sign"), counts["to_sign"]),
        (_("returned"), counts["returned"]),
        (_("signed, not sent"), counts["not_sent"]),
        (_("letters received"), counts["received"]),
        (_("copies"), counts["copies"]),
    ]
    return {
        "key": "correspondence", "title": _("Correspondence"),
        "text": " · ".join(f"{label} {n}" for label, n in parts),
        "empty": _("No letters are waiting for you."),
        "url": reverse("correspondence:index"),
        "count": to_dispose + counts["incoming_unread"] + counts["dispositions_pending"]
        + counts["to_review"] + counts["to_sign"] + counts["returned"]
        + counts["not_sent"] + counts["received"],
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
