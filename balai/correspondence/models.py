"""Persuratan (Peraturan ANRI 4/2021, SRIKANDI): the office's chain of command, incoming
letters and their dispositions, and the outgoing letters drafted, reviewed and signed here.

An incoming letter gets an agenda number of its unit and year; the addressee (the head)
disposes it down the chain, each recipient disposes further, answers or closes, so the
dispositions form a tree. Who sees a letter follows its security class and that tree
(`IncomingLetterQuerySet.visible_to`). An outgoing letter is a draft with its versions and
an ordered review chain (paraf); it is numbered only when its signer signs it, through
`balai.documents.services.document_issue`.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.accounts.models import Role
from balai.core.models import BaseModel, SecretLinkModel


class Position(BaseModel):
    """One official's place in the office: their title and their direct superior.

    Agencies have no units in balai, so the chain of command (head → kabid → staff) is
    kept here; `unit_code` is the unit whose agenda book and letter numbers they use.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="correspondence_position")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="correspondence_positions")
    title = models.CharField(_("position title"), max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("direct superior"))
    unit_code = models.CharField(_("unit code"), max_length=40)

    class Meta:
        ordering = ["agency", "parent_id", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.title} ({self.user})"


class RetentionRule(BaseModel):
    """The retention schedule (JRA) of one archive classification: years active in the
    unit, years inactive in the records centre, and what happens after."""

    class Disposal(models.TextChoices):
        DESTROY = "musnah", _("Destroy (musnah)")
        PERMANENT = "permanen", _("Keep permanently (permanen)")
        REVIEW = "dinilai_kembali", _("Review again (dinilai kembali)")

    classification = models.OneToOneField("documents.Classification", on_delete=models.CASCADE,
                                          related_name="retention")
    active_years = models.PositiveSmallIntegerField(_("active retention (years)"))
    inactive_years = models.PositiveSmallIntegerField(_("inactive retention (years)"))
    disposal = models.CharField(_("final disposal"), max_length=16, choices=Disposal.choices)

    class Meta:
        verbose_name = _("retention rule (JRA)")
        verbose_name_plural = _("retention rules (JRA)")

    def __str__(self) -> str:
        return f"{self.classification.code}: {self.active_years}+{self.inactive_years}"


class Urgency(models.TextChoices):
    BIASA = "biasa", _("Ordinary (biasa)")
    SEGERA = "segera", _("Urgent (segera)")
    SANGAT_SEGERA = "sangat_segera", _("Very urgent (sangat segera)")


class Security(models.TextChoices):
    """Klasifikasi keamanan naskah dinas (Peraturan ANRI 4/2021)."""

    BIASA = "biasa", _("Ordinary (biasa)")
    TERBATAS = "terbatas", _("Restricted (terbatas)")
    RAHASIA = "rahasia", _("Secret (rahasia)")


class IncomingLetterQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=IncomingLetter.Status.CLOSED)

    def visible_to(self, user):
        """The letters `user` may see, by security class and disposition tree only
        (`letter_visibility`)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(letter_visibility(user))


def letter_visibility(user) -> Q:
    """Who may see a letter, as one condition on the letter's row, for an authenticated
    `user`.

    The tree is the letter's addressee and everyone who sent or received one of its
    dispositions. A rahasia letter is seen by its tree and nobody else (not the front
    office, not an administrator); a terbatas one also by the front office that keeps
    the agenda book; a biasa one by every official of the addressee's agency too.

    Written for a million letters: the viewer's position is read once, so the row is
    tested on its own columns (`addressee_id`, `security`) before the one probe of its
    dispositions (by `letter_id`), and no join to the positions is needed.
    """
    position = Position.objects.filter(user=user).values_list("pk", "agency_id").first()
    cheap = []
    if position is not None:
        cheap.append(Q(addressee_id=position[0]))
        cheap.append(Q(security=Security.BIASA, addressee_id__in=Position.objects.filter(
            agency_id=position[1]).values("pk")))
    if user.role == Role.PETUGAS_SURAT:
        cheap.append(Q(security__in=[Security.BIASA, Security.TERBATAS]))
    in_tree = Q(Exists(Disposition.objects.filter(
        Q(sender=user) | Q(recipient=user), letter=OuterRef("pk"))))
    return reduce(operator.or_, [*cheap, in_tree])


class IncomingLetter(SecretLinkModel):
    """A letter received (surat masuk): its agenda entry, particulars and scan."""

    CODE_PREFIX = "SURAT"

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered, awaiting disposition")
        DISPOSED = "disposed", _("Disposed")
        CLOSED = "closed", pgettext_lazy("letter", "Closed")

    class Channel(models.TextChoices):
        DESK = "desk", _("Front office (paper or e-mail)")
        WEB = "web", _("Citizen's web form")

    code = models.CharField(_("tracking code"), max_length=30, unique=True)
    unit_code = models.CharField(_("unit code"), max_length=40)
    agenda_year = models.PositiveIntegerField(_("agenda year"))
    agenda_number = models.PositiveIntegerField(_("agenda number"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices,
                               default=Channel.DESK)
    sender_name = models.CharField(_("sender"), max_length=200)
    sender_address = models.CharField(_("sender's address"), max_length=300, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=20, blank=True)
    letter_number = models.CharField(_("letter number"), max_length=120, blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    subject = models.CharField(_("subject"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices,
                               default=Urgency.BIASA)
    security = models.CharField(_("security class"), max_length=10, choices=Security.choices,
                                default=Security.BIASA, db_index=True)
    classification = models.ForeignKey("documents.Classification", null=True, blank=True,
                                        on_delete=models.PROTECT,
                                        related_name="incoming_letters",
                                        verbose_name=_("archive classification"))
    addressee = models.ForeignKey(Position, on_delete=models.PROTECT,
                                  related_name="incoming_letters",
                                  verbose_name=_("addressed to"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REGISTERED, db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    # The scan, in private storage (storage.scan_storage); "" for none.
    scan_path = models.CharField(max_length=200, blank=True)
    scan_type = models.CharField(max_length=60, blank=True)
    addressee_read_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = IncomingLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "agenda_year", "agenda_number"],
                                    name="correspondence_agenda_unit_year_number"),
        ]
        indexes = [
            # The queue "awaiting my disposition", newest first.
            models.Index(fields=["addressee", "status", "-received_at"],
                         name="correspondence_letter_queue"),
            # The search by agenda number (the unique index leads with the unit).
            models.Index(fields=["agenda_number"], name="correspondence_letter_agenda"),
            # Letters their addressee has not opened yet (the unread queue and count).
            models.Index(fields=["addressee"], name="correspondence_letter_unread",
                         condition=Q(addressee_read_at__isnull=True)
                         & ~Q(status="closed")),
        ]
        verbose_name = _("incoming letter")
        verbose_name_plural = _("incoming letters")

    def __str__(self) -> str:
        return f"{self.agenda_label} {self.subject}"

    @property
    def agenda_label(self) -> str:
        return f"{self.agenda_number:04d}/{self.unit_code}/{self.agenda_year}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class AgendaSequence(BaseModel):
    """The last agenda number given out for one unit in one year."""

    unit_code = models.CharField(_("unit code"), max_length=40)
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year"],
                                    name="correspondence_agenda_sequence_unit_year"),
        ]


class Instruction(models.TextChoices):
    """The instructions printed as tick boxes on a lembar disposisi."""

    FOLLOW_UP = "follow_up", _("Follow up")
    STUDY = "study", _("Study and report")
    COORDINATE = "coordinate", _("Coordinate")
    ATTEND = "attend", _("Attend / represent")
    ANSWER = "answer", _("Draft an answer")
    FILE = "file", _("For information and filing")
    DISCUSS = "discuss", _("Discuss with me")


class DispositionQuerySet(models.QuerySet):
    def pending(self):
        """Not yet followed up: neither answered, closed nor passed on."""
        return self.filter(status=Disposition.Status.OPEN)


class Disposition(BaseModel):
    """One instruction from an official to one recipient about a letter; a node of the
    letter's disposition tree (its parent is the disposition its sender received)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting follow-up")
        FORWARDED = "forwarded", _("Disposed further")
        ANSWERED = "answered", pgettext_lazy("disposition", "Answered")
        CLOSED = "closed", pgettext_lazy("disposition", "Closed")

    letter = models.ForeignKey(IncomingLetter, on_delete=models.CASCADE,
                               related_name="dispositions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="dispositions_sent")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="dispositions_received")
    instructions = models.JSONField(_("instructions"), default=list)
    notes = models.TextField(_("notes"), blank=True)
    due_on = models.DateField(_("due"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    response = models.TextField(_("answer"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    # The due date the overdue reminder was sent for: the sweep claims on it.
    reminded_for = models.DateField(null=True, blank=True)

    objects = DispositionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="correspondence_disp_due"),
            # A person's queues: not yet read, and not yet followed up (by due date).
            models.Index(fields=["recipient"], name="correspondence_disp_unread",
                         condition=Q(read_at__isnull=True)),
            models.Index(fields=["recipient", "due_on"], name="correspondence_disp_pending",
                         condition=Q(status="open")),
        ]
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")

    def __str__(self) -> str:
        return f"{self.letter.agenda_label} → {self.recipient}"

    def instruction_labels(self) -> list[str]:
        labels = dict(Instruction.choices)
        return [str(labels.get(code, code)) for code in self.instructions]


class OutgoingKind(models.TextChoices):
    """The drafts balai writes; each is issued as the documents kind of the same value."""

    OFFICIAL_LETTER = "official_letter", _("Official letter (surat dinas)")
    NOTA_DINAS = "nota_dinas", _("Memorandum (nota dinas)")
    INVITATION = "invitation", _("Invitation (undangan)")
    CIRCULAR = "circular", _("Circular (surat edaran)")


class OutgoingLetterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts are read by their author, reviewers and signer only."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(author=user) | Q(signer=user) | Exists(
            Review.objects.filter(letter=OuterRef("pk"), reviewer=user)))


class OutgoingLetter(BaseModel):
    """A letter drafted here (surat keluar, nota dinas): reviewed in order, then signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", pgettext_lazy("draft", "In review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved, awaiting signature")
        # Claimed by the signer's click while the number, PDF and signature are made: a
        # second click cannot number it twice; a failure puts it back to APPROVED.
        SIGNING = "signing", _("Being signed")
        SIGNED = "signed", _("Signed, not yet sent")
        # Sent to its addressees and copies (Distribution rows record to whom and how).
        SENT = "sent", _("Signed and sent")

    kind = models.CharField(_("kind"), max_length=20, choices=OutgoingKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    addressees = models.TextField(_("addressees"), help_text=_("One per line."))
    copies = models.TextField(_("copies (tembusan)"), blank=True, help_text=_("One per line."))
    body = models.TextField(_("text"))
    security = models.CharField(_("security class"), max_length=10, choices=Security.choices,
                                default=Security.BIASA)
    classification = models.ForeignKey("documents.Classification", on_delete=models.PROTECT,
                                       related_name="outgoing_letters",
                                       verbose_name=_("archive classification"))
    unit_code = models.CharField(_("unit code"), max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="outgoing_drafted")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="outgoing_to_sign", verbose_name=_("signer"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    reply_to = models.ForeignKey(IncomingLetter, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="replies",
                                 verbose_name=_("in reply to"))
    document = models.OneToOneField("documents.IssuedDocument", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    sign_error = models.CharField(max_length=300, blank=True)

    objects = OutgoingLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("outgoing letter")
        verbose_name_plural = _("outgoing letters")

    def __str__(self) -> str:
        return self.subject

    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    def copy_list(self) -> list[str]:
        return [line.strip() for line in self.copies.splitlines() if line.strip()]


class Distribution(SecretLinkModel):
    """One recipient a signed letter was sent to, and how: into an official's queue in
    balai (internal), by e-mail with a private link to the signed PDF, or by post or
    courier (recorded by whoever sent it). The record of the letter's expedition."""

    class Role(models.TextChoices):
        TO = "to", _("Addressee (kepada)")
        COPY = "copy", _("Copy (tembusan)")

    class Channel(models.TextChoices):
        INTERNAL = "internal", _("In balai (internal)")
        EMAIL = "email", _("E-mail")
        POST = "post", _("Post or courier")

    letter = models.ForeignKey(OutgoingLetter, on_delete=models.CASCADE,
                               related_name="distributions")
    role = models.CharField(_("as"), max_length=4, choices=Role.choices)
    channel = models.CharField(_("sent by"), max_length=8, choices=Channel.choices)
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="letters_received")
    name = models.CharField(_("recipient"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["letter", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel="internal", position__isnull=False)
                           | (~Q(channel="internal") & Q(position__isnull=True))),
                name="correspondence_distribution_internal_has_position"),
        ]
        indexes = [models.Index(fields=["position", "role"],
                                name="correspondence_dist_position")]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self) -> str:
        return f"{self.letter} → {self.name}"


class OutgoingVersion(BaseModel):
    """The text of a draft as one reviewer saw it; every version is kept."""

    letter = models.ForeignKey(OutgoingLetter, on_delete=models.CASCADE,
                               related_name="versions")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=300)
    addressees = models.TextField()
    copies = models.TextField(blank=True)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        ordering = ["letter", "number"]
        constraints = [models.UniqueConstraint(fields=["letter", "number"],
                                               name="correspondence_version_number")]

    def as_text(self) -> str:
        return (f"Hal: {self.subject}\nKepada:\n{self.addressees}\n\n{self.body}\n\n"
                f"Tembusan:\n{self.copies}\n")


class Review(BaseModel):
    """One reviewer's paraf in the draft's chain, taken in `order`."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        APPROVED = "approved", _("Approved (paraf)")
        RETURNED = "returned", _("Returned with notes")

    letter = models.ForeignKey(OutgoingLetter, on_delete=models.CASCADE,
                               related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="reviews")
    order = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    version = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["letter", "order"]
        constraints = [models.UniqueConstraint(fields=["letter", "order"],
                                               name="correspondence_review_order")]


class Attachment(BaseModel):
    """A lampiran of an incoming or an outgoing letter, kept in private storage
    (storage.scan_storage) and served only to those who may see its letter."""

    incoming = models.ForeignKey(IncomingLetter, null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="attachments")
    outgoing = models.ForeignKey(OutgoingLetter, null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=200)
    path = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(incoming__isnull=False, outgoing__isnull=True)
                           | Q(incoming__isnull=True, outgoing__isnull=False)),
                name="correspondence_attachment_one_letter"),
        ]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
