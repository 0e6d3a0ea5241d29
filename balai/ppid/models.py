"""PPID: the DIP, information requests, decisions, objections and disputes (DESIGN.md §5).

The whole life of a request is modelled here so later slices add behaviour, not tables:
request (UU 14/2008 Pasal 22) → decision and written notice (22(7) a–g) → keberatan
(Pasal 35–36) → sengketa at the Komisi Informasi (Pasal 37–38).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.core.models import BaseModel, SecretLinkModel
from balai.ppid.storage import private_storage


class InformationClass(models.TextChoices):
    """The classes of public information, UU 14/2008 Pasal 9, 10, 11 and 17."""

    BERKALA = "berkala", _("Periodic (berkala)")
    SERTA_MERTA = "serta_merta", _("Immediate (serta-merta)")
    SETIAP_SAAT = "setiap_saat", _("Available at any time (tersedia setiap saat)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan)")


class Exemption(models.TextChoices):
    """Pasal 17 a–j of UU 14/2008: what may be withheld."""

    A = "17a", _("Art. 17(a): would obstruct law enforcement")
    B = "17b", _("Art. 17(b): would harm intellectual property or fair competition")
    C = "17c", _("Art. 17(c): would endanger defence and state security")
    D = "17d", _("Art. 17(d): would reveal Indonesia's natural resources")
    E = "17e", _("Art. 17(e): would harm national economic resilience")
    F = "17f", _("Art. 17(f): would harm foreign relations")
    G = "17g", _("Art. 17(g): would reveal the contents of a private deed or will")
    H = "17h", _("Art. 17(h): would reveal personal secrets")
    I = "17i", _("Art. 17(i): memoranda between or within public bodies that are confidential")  # noqa: E741
    J = "17j", _("Art. 17(j): information that may not be disclosed under another law")


class OtherGround(models.TextChoices):
    """Pasal 6(3) of UU 14/2008: further grounds on which a body may refuse."""

    STATE_DANGER = "6_3a", _("Art. 6(3)(a): would endanger the state")
    COMPETITION = "6_3b", _("Art. 6(3)(b): protects a business against unfair competition")
    PERSONAL_RIGHTS = "6_3c", _("Art. 6(3)(c): concerns personal rights")
    OFFICIAL_SECRET = "6_3d", _("Art. 6(3)(d): concerns official secrecy (rahasia jabatan)")
    NOT_HELD = "6_3e", _("Art. 6(3)(e): not yet held or not yet documented")


class DipEntry(BaseModel):
    """One row of the Daftar Informasi Publik with the Perki 1/2021 columns."""

    information_class = models.CharField(_("class"), max_length=20,
                                         choices=InformationClass.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary of contents"), blank=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="dip_entries",
                               verbose_name=_("official or unit that holds it"))
    responsible = models.CharField(_("person responsible for making or issuing it"),
                                   max_length=200, blank=True)
    made_when = models.CharField(_("time of making"), max_length=100, blank=True)
    made_where = models.CharField(_("place of making"), max_length=200, blank=True)
    available_forms = models.CharField(_("available forms"), max_length=200, blank=True,
                                       help_text=_("For example: softcopy (PDF), hardcopy."))
    retention = models.CharField(_("retention period"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    url = models.URLField(_("link to the information"), blank=True, max_length=500)
    # Public by nature (the DIP is published); checked by content before it is stored.
    file = models.FileField(_("file"), upload_to="ppid/dip/%Y/", blank=True, max_length=200)
    # Exempt entries: only the decree and the consequence test are public (Pasal 19, Perki
    # 1/2021 Pasal 49); the information itself is not linked.
    exemption = models.CharField(_("exemption ground"), max_length=4,
                                 choices=Exemption.choices, blank=True)
    exemption_decree = models.CharField(_("decree that exempts it"), max_length=200,
                                        blank=True)
    consequence_test = models.TextField(_("consequence test (uji konsekuensi)"), blank=True)
    exempt_until = models.DateField(_("exempt until"), null=True, blank=True)
    # The decree on exempt information that lists this entry, when it is kept in balai
    # (its number is then copied into `exemption_decree`).
    decree = models.ForeignKey("ppid.ServiceDocument", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="exempt_entries",
                               limit_choices_to={"kind": "pengecualian"},
                               verbose_name=_("decree on exempt information"))
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["information_class", "title", "id"]
        verbose_name = _("DIP entry")
        verbose_name_plural = _("DIP entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(information_class="dikecualikan")
                | (~Q(exemption="") & ~Q(exemption_decree="") & ~Q(consequence_test="")),
                name="ppid_dip_exempt_has_decree_and_test"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_exempt(self) -> bool:
        return self.information_class == InformationClass.DIKECUALIKAN


class RequestStatus(models.TextChoices):
    # A context keeps these apart from the complaint statuses of the same English name.
    RECEIVED = "diterima", pgettext_lazy("ppid request status", "Received")
    IN_PROGRESS = "diproses", pgettext_lazy("ppid request status", "Being processed")
    ANSWERED = "dijawab", pgettext_lazy("ppid request status", "Answered")
    OBJECTION = "keberatan", pgettext_lazy("ppid request status", "Objection filed")
    # The atasan upheld a keberatan that orders a (new) written notice: the PPID owes it
    # again, on a clock that starts at the atasan's decision.
    CARRYING_OUT = "dilaksanakan", pgettext_lazy(
        "ppid request status", "Objection upheld: the PPID is carrying out the decision")
    DISPUTE = "sengketa", pgettext_lazy("ppid request status",
                                        "Dispute at the Information Commission")
    CLOSED = "selesai", pgettext_lazy("ppid request status", "Closed")
    WITHDRAWN = "dibatalkan", pgettext_lazy("ppid request status", "Withdrawn")


_S = RequestStatus
# The status groups of a request, defined here only (STYLE.md rule 7).
# Open: the office still owes its written notice and the answer's clock runs (Pasal 22(7)),
# or owes a new one that an upheld keberatan ordered (Pasal 36(2); Perki 1/2021).
OPEN = frozenset({_S.RECEIVED, _S.IN_PROGRESS, _S.CARRYING_OUT})
# Answered: a written notice was issued; what follows (keberatan, sengketa) is about it.
ANSWERED = frozenset({_S.ANSWERED, _S.OBJECTION, _S.DISPUTE, _S.CLOSED})


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def answered(self):
        return self.filter(status__in=ANSWERED)

    def overdue(self, today):
        """Open requests whose answer was due before `today`."""
        return self.filter(overdue_q(today))


def overdue_q(today) -> Q:
    """The condition of `InformationRequestQuerySet.overdue`, for conditional counts."""
    return Q(status__in=OPEN, due_date__lt=today)


class InformationRequest(SecretLinkModel):
    """A request for public information (UU 14/2008 Pasal 22, Perki 1/2021)."""

    Status = RequestStatus

    class RequesterKind(models.TextChoices):
        PERSON = "perorangan", _("Individual")
        GROUP = "kelompok", _("Group of people")
        LEGAL_ENTITY = "badan_hukum", _("Legal entity (badan hukum)")

    class Obtain(models.TextChoices):
        """How the requester wants to obtain it (Perki 1/2021 request form)."""

        INSPECT = "melihat", _("See, read, listen to or take notes")
        SOFTCOPY = "softcopy", _("Get a copy: softcopy")
        HARDCOPY = "hardcopy", _("Get a copy: hardcopy")

    class Delivery(models.TextChoices):
        """How the information is to be delivered to the requester."""

        PICK_UP = "ambil", _("Collect it in person")
        EMAIL = "email", _("By e-mail")
        POST = "pos", _("By post or courier")
        FAX = "faksimili", _("By fax")

    class Channel(models.TextChoices):
        WEB = "web", _("Website")
        WALK_IN = "walk_in", _("In person at the service desk")
        EMAIL = "email", _("E-mail")
        POST = "post", _("Letter")
        PHONE = "phone", _("Telephone (recorded by the officer)")

    code = models.CharField(_("registration number"), max_length=24, unique=True, null=True)
    # Set while an officer's signed letter is being made for this case, so that a second
    # officer cannot issue another one at the same time (a claim, not a state).
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               default=Channel.WEB)
    intake_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("entered by"))
    # The requester (Perki 1/2021): personal data, shown to PPID staff only.
    requester_kind = models.CharField(_("requester"), max_length=12,
                                      choices=RequesterKind.choices, default=RequesterKind.PERSON)
    name = models.CharField(_("full name"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    legal_document_number = models.CharField(
        _("legal-entity document number"), max_length=120, blank=True,
        help_text=_("Kemenkumham decree or deed number of the legal entity."))
    # A legal entity asks through a person it authorises (Perki 1/2021): who, with their
    # NIK; the letter of authority is an IdentityDocument of kind "kuasa".
    representative_name = models.CharField(_("representative's full name"), max_length=200,
                                           blank=True)
    representative_nik = models.CharField(_("representative's NIK"), max_length=16,
                                          blank=True)
    # A request by telephone or by letter: the identity as the requester gave it (what was
    # read out, or enclosed), when there is no NIK to check.
    identity_as_given = models.TextField(_("identity as the requester gave it"), blank=True)
    address = models.TextField(_("address"))
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # What is asked and why (Pasal 4(3), 22(2)).
    information = models.TextField(_("details of the information requested"))
    purpose = models.TextField(_("purpose of use"))
    obtain_method = models.CharField(_("how to obtain it"), max_length=10,
                                     choices=Obtain.choices)
    delivery_method = models.CharField(_("how to receive it"), max_length=10,
                                       choices=Delivery.choices)
    # Who handles it: the PPID utama, or the PPID pembantu of the OPD it was delegated to.
    delegated_to = models.ForeignKey("agencies.Agency", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="ppid_requests",
                                     verbose_name=_("delegated to"))
    delegated_at = models.DateTimeField(null=True, blank=True)
    delegation_note = models.TextField(_("instruction to the PPID pembantu"), blank=True)
    # The clock (UU 14/2008 Pasal 22(7)–(8)): stored, recomputed only by the services
    # that extend it. `deadline_facts` keeps how each date was reached (days skipped).
    received_at = models.DateTimeField(_("received at"), db_index=True)
    clock_start = models.DateField(_("day 0"))
    due_date = models.DateField(_("answer due"), db_index=True)
    original_due_date = models.DateField(_("original due date"))
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    deadline_facts = models.JSONField(default=dict, blank=True)
    # The days the clock warns (80 %) and becomes overdue, stored with the due date by the
    # services that set it (ppid.deadlines.set_alarms): the sweep selects on them.
    warn_on = models.DateField(null=True, blank=True, editable=False)
    overdue_on = models.DateField(null=True, blank=True, editable=False)
    reminder_sent_for = models.DateField(null=True, blank=True)
    overdue_flagged_for = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The decision in force: the first written notice, or the one that carried out an
    # upheld keberatan (every decision stays in `decisions`). Set by the decide service.
    decision = models.OneToOneField("ppid.Decision", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("decision in force"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The public archive shows answered requests without personal data, once a PPID
    # officer has checked that the text of the request carries none.
    archive_summary = models.TextField(_("summary for the public archive"), blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["delegated_to", "status", "due_date"]),
            models.Index(fields=["status", "warn_on"]),
            models.Index(fields=["status", "overdue_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=models.F("original_due_date")),
                                   name="ppid_request_due_not_before_original"),
            models.CheckConstraint(condition=Q(extended_at__isnull=True)
                                   | ~Q(extension_reason=""),
                                   name="ppid_request_extension_has_reason"),
            models.CheckConstraint(condition=~Q(nik="") | ~Q(legal_document_number="")
                                   | Q(channel__in=["phone", "post", "email", "walk_in"]),
                                   name="ppid_request_web_has_identity_number"),
        ]

    def __str__(self) -> str:
        return self.code or "—"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_carrying_out(self) -> bool:
        return self.status == self.Status.CARRYING_OUT

    @property
    def alarm_start(self) -> date:
        """Day 0 of the clock now running: the request's, or, while an upheld keberatan is
        carried out, the atasan's decision (kept in `deadline_facts`)."""
        carry_out = self.deadline_facts.get("carry_out") if self.is_carrying_out else None
        return date.fromisoformat(carry_out["start"]) if carry_out else self.clock_start


def _private_upload(instance, filename: str) -> str:
    # The stored name never carries what the citizen called the file.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ppid/{instance.sha256[:2]}/{instance.sha256}.{suffix[:5]}"


class IdentityDocument(BaseModel):
    """KTP, authorisation (surat kuasa) or deed attached to a request: never public."""

    class Kind(models.TextChoices):
        KTP = "ktp", _("Identity card (KTP) or other ID")
        AUTHORISATION = "kuasa", _("Letter of authorisation (surat kuasa)")
        LEGAL_ENTITY = "badan_hukum", _("Legal-entity decree or deed")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="identity_documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(storage=private_storage, upload_to=_private_upload, max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["created_at", "id"]


class Decision(BaseModel):
    """The answer to a request, in the structure of UU 14/2008 Pasal 22(7) a–g."""

    class Outcome(models.TextChoices):
        GRANTED = "diberikan", _("Granted")
        PARTLY = "sebagian", _("Partly granted")
        REFUSED = "ditolak", _("Refused")
        NOT_HELD = "tidak_dikuasai", _("Not held by this body")

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="decisions")
    # Set when this decision carries out a keberatan the atasan upheld (Pasal 36(2)): the
    # new or revised notice it ordered. Empty for the request's first answer.
    objection = models.OneToOneField("ppid.Objection", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="carried_out_by",
                                     verbose_name=_("objection it carries out"))
    # a, b: held or not, and who holds it.
    is_held = models.BooleanField(_("the information is held by this body"))
    holder = models.CharField(_("body that holds it"), max_length=300, blank=True)
    # c: granted, partly granted or refused, and on which ground.
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    exemption = models.CharField(_("exemption ground (Art. 17)"), max_length=4,
                                 choices=Exemption.choices, blank=True)
    other_ground = models.CharField(_("other ground (Art. 6(3))"), max_length=5,
                                    choices=OtherGround.choices, blank=True)
    consequence_test = models.TextField(_("consequence test (uji konsekuensi)"), blank=True)
    # d, e: what is given, what is blacked out and why.
    given = models.TextField(_("information given"), blank=True)
    withheld = models.TextField(_("information blacked out"), blank=True)
    withheld_reason = models.TextField(_("why it is blacked out"), blank=True)
    # f: form and way of delivery.
    form = models.CharField(_("form"), max_length=10, choices=InformationRequest.Obtain.choices,
                            blank=True)
    delivery = models.CharField(_("way of delivery"), max_length=10,
                                choices=InformationRequest.Delivery.choices, blank=True)
    # g: costs and how to pay.
    cost = models.PositiveIntegerField(_("cost (rupiah)"), default=0)
    payment = models.TextField(_("how to pay"), blank=True)
    notice = models.OneToOneField("documents.IssuedDocument", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("written notice"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # A refusal rests on a Pasal 17 exemption with its consequence test, or on
            # 6(3)(e) alone (not yet held or documented: nothing to weigh).
            models.CheckConstraint(
                condition=~Q(outcome__in=["sebagian", "ditolak"])
                | (~Q(exemption="") & ~Q(consequence_test=""))
                | (Q(exemption="") & Q(other_ground="6_3e")),
                name="ppid_decision_refusal_has_ground_and_test"),
            models.CheckConstraint(condition=Q(is_held=True) | Q(outcome="tidak_dikuasai"),
                                   name="ppid_decision_not_held_outcome"),
            # One first answer per request; later ones each carry out a keberatan.
            models.UniqueConstraint(fields=["request"], condition=Q(objection__isnull=True),
                                    name="ppid_decision_one_first_answer"),
        ]


def _delivery_upload(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ppid/jawaban/{instance.sha256[:2]}/{instance.sha256}.{suffix[:5]}"


class DeliveredFile(BaseModel):
    """A file given to the requester, downloaded through their private link only."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="delivered_files")
    file = models.FileField(storage=private_storage, upload_to=_delivery_upload,
                            max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]


class Objection(BaseModel):
    """Keberatan to the atasan PPID (UU 14/2008 Pasal 35–36)."""

    class Ground(models.TextChoices):
        REFUSED = "35_1a", _("(a) the request was refused on an Art. 17 ground")
        PERIODIC_MISSING = "35_1b", _("(b) periodic information (Art. 9) was not published")
        NO_RESPONSE = "35_1c", _("(c) the request was not answered")
        WRONG_RESPONSE = "35_1d", _("(d) the answer does not match what was asked")
        NOT_FULFILLED = "35_1e", _("(e) the request was not fulfilled")
        UNFAIR_COST = "35_1f", _("(f) the costs are unreasonable")
        LATE = "35_1g", _("(g) the answer came later than the law allows")

    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Received")
        DECIDED = "diputus", _("Decided")
        WITHDRAWN = "dicabut", _("Withdrawn")

    class Outcome(models.TextChoices):
        UPHELD = "dikabulkan", _("Objection upheld: the information is to be given")
        PARTLY = "sebagian", _("Objection partly upheld")
        REJECTED = "ditolak", _("Objection rejected: the PPID's answer stands")

    class AnswerDelivery(models.TextChoices):
        """How the atasan's answer reaches the requester: it sets the day the dispute's 14
        working days count from (UU 14/2008 Pasal 37(2), "sejak diterimanya tanggapan")."""

        ELECTRONIC = "elektronik", _("Electronically: received on the day it is sent")
        POST = "pos", _("By post or by hand: received on the delivery date on the receipt")

    code = models.CharField(_("registration number"), max_length=24, unique=True, null=True)
    # Set while an officer's signed letter is being made for this case, so that a second
    # officer cannot issue another one at the same time (a claim, not a state).
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Empty for a keberatan on ground 35(1)(b) alone (periodic information not published),
    # which needs no prior request; the requester is then named below.
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="objections")
    requester_name = models.CharField(_("full name"), max_length=200, blank=True)
    requester_address = models.TextField(_("address"), blank=True)
    requester_email = models.EmailField(_("e-mail address"), blank=True)
    requester_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    information = models.TextField(_("periodic information that was not published"),
                                   blank=True)
    # Pasal 35(1) "dan/atau": one keberatan may rest on several grounds (Ground values).
    grounds = models.JSONField(_("grounds"), default=list)
    ground_date = models.DateField(_("date the ground arose"))
    filing_deadline = models.DateField(_("last day to file"))
    case_summary = models.TextField(_("case summary (kasus posisi)"))
    filed_by_proxy = models.CharField(_("filed by a proxy (name)"), max_length=200, blank=True)
    filed_at = models.DateTimeField(_("filed at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    due_date = models.DateField(_("decision due"))
    deadline_facts = models.JSONField(default=dict, blank=True)
    warn_on = models.DateField(null=True, blank=True, editable=False)
    overdue_on = models.DateField(null=True, blank=True, editable=False)
    reminder_sent_for = models.DateField(null=True, blank=True)
    overdue_flagged_for = models.DateField(null=True, blank=True)
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices,
                               blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    decision_document = models.OneToOneField("documents.IssuedDocument", null=True,
                                             blank=True, on_delete=models.PROTECT,
                                             related_name="+",
                                             verbose_name=_("decision letter"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    answer_delivery = models.CharField(_("answer sent"), max_length=10,
                                       choices=AnswerDelivery.choices, blank=True)
    # Electronic: the day it was sent; post or by hand: entered by the staff from the
    # receipt, empty until then (the dispute's window has not begun).
    answer_received_on = models.DateField(_("the requester received the answer on"),
                                          null=True, blank=True)
    dispute_deadline = models.DateField(_("last day to take it to the Information Commission"),
                                        null=True, blank=True)
    requester_response = models.TextField(_("requester's response"), blank=True)
    # When an upheld keberatan orders a (new) written notice: the PPID's last day to carry
    # it out, counted from the atasan's decision (ppid.deadlines.carry_out_deadline).
    carry_out_due = models.DateField(_("the PPID carries out the decision by"), null=True,
                                     blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [
            models.Index(fields=["status", "warn_on"]),
            models.Index(fields=["status", "overdue_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(status="diputus")
                                   | (~Q(outcome="") & ~Q(reasons="")),
                                   name="ppid_objection_decided_has_outcome"),
            models.CheckConstraint(condition=Q(request__isnull=False) | ~Q(requester_name=""),
                                   name="ppid_objection_without_request_names_requester"),
        ]

    def __str__(self) -> str:
        return self.code or "—"

    @property
    def ground_labels(self) -> list[str]:
        labels = dict(self.Ground.choices)
        return [str(labels.get(g, g)) for g in self.grounds]

    @property
    def grounds_display(self) -> str:
        return "; ".join(self.ground_labels)

    @property
    def name(self) -> str:
        """Who objects: the requester of the request, or the one named without one."""
        return self.request.name if self.request_id else self.requester_name

    @property
    def clock_start(self) -> date:
        """Day 0 of the atasan's 30 working days (kept with how the due date was reached)."""
        return date.fromisoformat(self.deadline_facts["decision"]["start"])

    alarm_start = clock_start


class Dispute(BaseModel):
    """Sengketa informasi at the Komisi Informasi (UU 14/2008 Pasal 37–38)."""

    class Stage(models.TextChoices):
        FILED = "diajukan", _("Filed")
        REGISTERED = "teregistrasi", _("Registered")
        MEDIATION = "mediasi", _("Mediation")
        ADJUDICATION = "ajudikasi", _("Adjudication")
        DECIDED = "diputus", _("Decided")
        WITHDRAWN = "dicabut", _("Withdrawn")

    class FiledBy(models.TextChoices):
        REQUESTER = "pemohon", _("Requester")
        OFFICER = "petugas", _("Recorded by the PPID officer")

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="disputes")
    objection = models.ForeignKey(Objection, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="disputes")
    filed_by = models.CharField(_("recorded by"), max_length=8, choices=FiledBy.choices)
    filed_on = models.DateField(_("filed at the commission on"))
    filing_deadline = models.DateField(_("last day to file"))
    commission = models.CharField(_("information commission"), max_length=200)
    registration_number = models.CharField(_("commission's registration number"),
                                           max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=14, choices=Stage.choices,
                             default=Stage.FILED, db_index=True)
    # The commission's first mediation or adjudication session: Pasal 38(1) gives it 14
    # working days from the filing (deadlines.commission_timeline).
    settlement_started_on = models.DateField(
        _("the commission began mediation or adjudication on"), null=True, blank=True)
    mediation_result = models.TextField(_("result of mediation"), blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_summary = models.TextField(_("decision"), blank=True)
    # How the commission's decision was carried out (Perki 1/2021, the annual report's
    # dispute section); left empty while it is appealed or not yet carried out.
    carried_out_on = models.DateField(_("decision carried out on"), null=True, blank=True)
    carried_out_note = models.TextField(_("how the decision was carried out"), blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.CheckConstraint(condition=Q(settlement_started_on__isnull=True)
                                   | Q(settlement_started_on__gte=models.F("filed_on")),
                                   name="ppid_dispute_settlement_not_before_filing"),
        ]

    @property
    def is_open(self) -> bool:
        return self.stage not in {self.Stage.DECIDED, self.Stage.WITHDRAWN}


class CourtAppeal(BaseModel):
    """An appeal against the commission's adjudication decision: a claim (gugatan) at the
    administrative court (PTUN, a state public body) or the district court (PN, otherwise),
    UU 14/2008 Pasal 47–49, and cassation at the Supreme Court, Pasal 50."""

    class Level(models.TextChoices):
        CLAIM = "gugatan", _("Claim at the PTUN or district court (Art. 47–49)")
        CASSATION = "kasasi", _("Cassation at the Supreme Court (Art. 50)")

    class FiledBy(models.TextChoices):
        REQUESTER = "pemohon", _("The requester")
        PUBLIC_BODY = "badan_publik", _("The public body")

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="appeals")
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    court = models.CharField(_("court"), max_length=200)
    filed_by = models.CharField(_("filed by"), max_length=12, choices=FiledBy.choices)
    filed_on = models.DateField(_("filed on"))
    # The last day the law gives (Art. 48(1): 14 working days from receiving the
    # commission's decision; Art. 50: 14 days from receiving the ruling). Recorded, not
    # enforced: the court decides whether a late appeal stands.
    filing_deadline = models.DateField(_("last day to file"))
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    ruling_date = models.DateField(_("ruling date"), null=True, blank=True)
    ruling = models.TextField(_("ruling"), blank=True)
    carried_out_on = models.DateField(_("ruling carried out on"), null=True, blank=True)
    carried_out_note = models.TextField(_("how the ruling was carried out"), blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("court appeal")
        verbose_name_plural = _("court appeals")
        constraints = [
            models.CheckConstraint(condition=Q(ruling_date__isnull=True)
                                   | Q(ruling_date__gte=models.F("filed_on")),
                                   name="ppid_appeal_ruling_not_before_filing"),
            models.UniqueConstraint(fields=["dispute", "level"],
                                    name="ppid_appeal_one_per_level"),
        ]

    @property
    def is_late(self) -> bool:
        return self.filed_on > self.filing_deadline


class AnnualReportText(BaseModel):
    """The written parts of the annual report (Perki 1/2021): general policy, facilities,
    staff and budget; obstacles; recommendations. The figures are counted, not stored."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    general_policy = models.TextField(
        _("general policy: facilities, staff and their qualifications, budget"), blank=True)
    obstacles = models.TextField(_("internal and external obstacles"), blank=True)
    recommendations = models.TextField(_("recommendations and follow-up plan"), blank=True)
    # Pasal 12: the report is published; the public page shows the years published here.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("published by"))
    # The last day the "publish before 31 March" reminder went out for this report.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")

    def __str__(self) -> str:
        return str(self.year)


# --- Monev: what a Komisi Informasi monev auditor asks for (issue 13) -------------------


class ChecklistItem(BaseModel):
    """An item of a statutory list, with the article it comes from (seeded as data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("item"), max_length=300)
    legal_source = models.CharField(_("legal source"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class BerkalaItem(ChecklistItem):
    """One mandatory item of periodic information (informasi berkala) and the DIP entries
    that fulfil it. UU 14/2008 Pasal 9(2) lists the items; Pasal 9(3) says they are
    published at least every six months. The date the item was last updated is stored
    (from its DIP entries' last change) with the day it goes stale (`stale_on`), so the
    sweep selects on an index instead of recomputing every item."""

    dip_entries = models.ManyToManyField(DipEntry, blank=True, related_name="berkala_items",
                                         verbose_name=_("DIP entries that fulfil it"))
    last_updated_on = models.DateField(_("last updated on"), null=True, blank=True)
    stale_on = models.DateField(_("out of date from"), null=True, blank=True, db_index=True,
                                editable=False)
    stale_notified_for = models.DateField(null=True, blank=True, editable=False)

    class Meta(ChecklistItem.Meta):
        verbose_name = _("periodic information item")
        verbose_name_plural = _("periodic information items")


class SetiapSaatItem(ChecklistItem):
    """One item of information available at any time, UU 14/2008 Pasal 11(1) a–h, marked
    available by the DIP entries that hold it or by a link."""

    dip_entries = models.ManyToManyField(DipEntry, blank=True, related_name="setiap_saat_items",
                                         verbose_name=_("DIP entries that hold it"))
    url = models.URLField(_("link"), blank=True, max_length=500)

    class Meta(ChecklistItem.Meta):
        verbose_name = _("information available at any time")
        verbose_name_plural = _("information available at any time")


class Announcement(BaseModel):
    """A serta-merta announcement (UU 14/2008 Pasal 10: information that threatens the life
    of many people or public order is announced at once): drafted, published with its time
    (and then listed in the DIP's serta-merta class), withdrawn when it no longer holds."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("announcement status", "Draft")
        PUBLISHED = "published", pgettext_lazy("announcement status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("announcement status", "Withdrawn")

    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("announcement"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("why it is withdrawn"), blank=True)
    dip_entry = models.OneToOneField(DipEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="announcement")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("serta-merta announcement")
        verbose_name_plural = _("serta-merta announcements")

    def __str__(self) -> str:
        return self.title


# --- Service documents, the fee schedule, payments and handover (issue 13) --------------


class ServiceDocument(BaseModel):
    """A document the PPID service rests on and publishes: the maklumat pelayanan, an SOP,
    the decision on fees with its schedule, the decree that exempts information (Pasal 19,
    with its review date: Pasal 20 says exemptions are not permanent), the decree adopting
    the DIP. Public once published (Perki 1/2021: service standards are announced)."""

    class Kind(models.TextChoices):
        MAKLUMAT = "maklumat", _("Service charter (maklumat pelayanan)")
        SOP = "sop", _("Standard operating procedure (SOP)")
        FEE_DECISION = "biaya", _("Decision on the fees for copies")
        EXEMPTION_DECREE = "pengecualian", _("Decree on exempt information")
        DIP_DECREE = "penetapan_dip", _("Decree adopting the DIP")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=120, blank=True)
    issued_on = models.DateField(_("date of issue"))
    issued_by = models.CharField(_("issued by (official)"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Public by nature; checked by content before it is stored (PDF or image).
    file = models.FileField(_("file"), upload_to="ppid/dokumen/%Y/", blank=True, max_length=200)
    # The decree on exempt information is reviewed when its exemptions' terms end (Pasal
    # 20); the PPID is reminded from 30 days before this day (ppid.exemption_review_sweep).
    review_on = models.DateField(_("review due on"), null=True, blank=True, db_index=True)
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["kind", "-issued_on", "-id"]
        verbose_name = _("service document")
        verbose_name_plural = _("service documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title


class FeeItem(BaseModel):
    """One line of the fee schedule that a fee decision sets (UU 14/2008 Pasal 21: at the
    cost of copying and sending, nothing more; a softcopy costs nothing)."""

    class Medium(models.TextChoices):
        SOFTCOPY = "softcopy", _("Electronic copy (softcopy)")
        PAPER = "kertas", _("Paper copy (photocopy or print)")
        MEDIA = "media", _("Storage medium (CD, DVD, flash disk)")
        POSTAGE = "ongkir", _("Postage or courier")

    decision = models.ForeignKey(ServiceDocument, on_delete=models.PROTECT,
                                 related_name="fee_items", verbose_name=_("fee decision"))
    name = models.CharField(_("item"), max_length=200)
    medium = models.CharField(pgettext_lazy("fee schedule", "medium"), max_length=10,
                              choices=Medium.choices)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example: sheet, disc."))
    amount = models.PositiveIntegerField(_("amount per unit (rupiah)"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("fee")
        verbose_name_plural = _("fee schedule")
        constraints = [
            models.CheckConstraint(condition=~Q(medium="softcopy") | Q(amount=0),
                                   name="ppid_fee_softcopy_free"),
        ]

    def __str__(self) -> str:
        return self.name


class CopyPayment(BaseModel):
    """A payment for copies of the information given (the payment record the monev asks
    for): what was paid for at the schedule's price, when, and the receipt number."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="copy_payments")
    fee_item = models.ForeignKey(FeeItem, on_delete=models.PROTECT, related_name="payments",
                                 verbose_name=_("item of the fee schedule"))
    quantity = models.PositiveIntegerField(pgettext_lazy("fee schedule", "quantity"))
    # The price at the time of payment (a later schedule does not change what was paid).
    unit_amount = models.PositiveIntegerField(_("price per unit (rupiah)"))
    amount = models.PositiveIntegerField(_("amount paid (rupiah)"))
    paid_on = models.DateField(pgettext_lazy("fee schedule", "paid on"))
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment for copies")
        verbose_name_plural = _("payments for copies")
        constraints = [
            models.CheckConstraint(condition=Q(amount=models.F("quantity")
                                               * models.F("unit_amount")),
                                   name="ppid_payment_amount_is_quantity_times_price"),
        ]


def _handover_upload(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ppid/serah-terima/{instance.sha256[:2]}/{instance.sha256}.{suffix[:5]}"


class Handover(BaseModel):
    """The handover of the information to the requester, with its berita acara (serah
    terima): the day, how, who received it, and the signed record's scan (private)."""

    request = models.OneToOneField(InformationRequest, on_delete=models.PROTECT,
                                   related_name="handover")
    handed_over_on = models.DateField(_("handed over on"))
    method = models.CharField(_("how"), max_length=10,
                              choices=InformationRequest.Delivery.choices)
    received_by = models.CharField(_("received by"), max_length=200)
    items = models.TextField(_("what was handed over"))
    # The berita acara signed by both sides, scanned (optional: it may be kept on paper).
    record_scan = models.FileField(storage=private_storage, upload_to=_handover_upload,
                                   blank=True, max_length=200)
    content_type = models.CharField(max_length=60, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
