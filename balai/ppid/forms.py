from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.accounts.models import phone_validator
from balai.agencies.models import Agency
from balai.core.forms import (
    BoundedDateField,
    DateInput,
    FileInput,
    HoneypotForm,
    MultipleFileField,
)
from balai.documents.forms import BsrePassphraseMixin
from balai.ppid.files import (
    DELIVERY_MAX,
    DELIVERY_TYPES,
    IDENTITY_TYPES,
    prepare_upload,
)
from balai.ppid.models import (
    CourtAppeal,
    Decision,
    DipEntry,
    Dispute,
    Exemption,
    FeeItem,
    InformationClass,
    InformationRequest,
    Objection,
    OtherGround,
    ServiceDocument,
)


class DipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kelas = forms.ChoiceField(label=_("Class"), required=False,
                              choices=[("", _("All classes")), *InformationClass.choices])
    opd = forms.CharField(label=_("Agency"), required=False, max_length=40)
    tahun = forms.IntegerField(label=_("Year"), required=False, min_value=1945,
                               max_value=2100)


class DipEntryForm(forms.ModelForm):
    """Shape only; the service checks the exemption rules and audits the change."""

    class Meta:
        model = DipEntry
        fields = ["information_class", "title", "summary", "agency", "responsible",
                  "made_when", "made_where", "available_forms", "retention", "year", "url",
                  "exemption", "decree", "exemption_decree", "consequence_test",
                  "exempt_until", "is_published"]
        help_texts = {"exemption_decree": _(
            "Filled in from the decree chosen above; type it only for a decree not kept here.")}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "consequence_test": forms.Textarea(attrs={"rows": 5}),
            "exempt_until": DateInput(),
        }
        field_classes = {"exempt_until": BoundedDateField}
        error_messages = {
            "title": {"required": _("Enter the title of the information.")},
            "information_class": {"required": _("Choose the class of the information.")},
            "agency": {"required": _("Choose the unit that holds the information.")},
        }

    url = forms.URLField(label=_("link to the information"), required=False, max_length=500,
                         assume_scheme="https")
    upload = forms.FileField(label=_("File (PDF, JPG, PNG, XLSX or DOCX, at most 10 MB)"),
                             required=False, widget=FileInput())
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = _("Choose an agency")
        self.fields["information_class"].choices = [("", _("Choose the class")),
                                                    *InformationClass.choices]
        self.fields["exemption"].choices = [("", _("— not exempt —")), *Exemption.choices]
        self.fields["decree"].empty_label = _("— not kept in balai: type its number below —")

    def _post_clean(self):
        # Model validation (constraints included) runs in the service, with its messages.
        pass

    def prepared_file(self):
        """The upload checked by content, or None; errors go on the form."""
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        try:
            return prepare_upload(upload, label=self.fields["upload"].label,
                                  max_bytes=DELIVERY_MAX, allowed=DELIVERY_TYPES)
        except ValidationError as exc:
            self.add_error("upload", exc.messages)
            return None

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1945 <= year <= 2100:
            raise ValidationError(_("Enter a year such as 2026."))
        return year


# --- the public request form (Perki 1/2021) --------------------------------------------

class RequestForm(HoneypotForm):
    K = InformationRequest.RequesterKind

    requester_kind = forms.ChoiceField(
        label=_("Who is asking?"), choices=InformationRequest.RequesterKind.choices,
        initial=InformationRequest.RequesterKind.PERSON, widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is asking.")})
    name = forms.CharField(label=_("Full name (as on the KTP, or the legal entity's name)"),
                           max_length=200, error_messages={"required": _("Enter your full "
                                                                         "name.")})
    nik = forms.CharField(label=_("NIK (16 digits on your KTP)"), max_length=30,
                          required=False,
                          widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                        "autocomplete": "off"}))
    legal_document_number = forms.CharField(
        label=_("Number of the Kemenkumham decree or deed"), max_length=120, required=False)
    representative_name = forms.CharField(
        label=_("Name of the person the legal entity authorises"), max_length=200,
        required=False)
    representative_nik = forms.CharField(
        label=_("That person's NIK (16 digits on their KTP)"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=500,
                              error_messages={"required": _("Enter your address.")})
    occupation = forms.CharField(label=_("Occupation (optional)"), max_length=100,
                                 required=False)
    phone = forms.CharField(label=_("Phone or WhatsApp number"), max_length=20, required=False,
                            validators=[phone_validator],
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "tel"}))
    email = forms.EmailField(label=_("E-mail address"), required=False,
                             error_messages={"invalid": _("Enter an e-mail address such as "
                                                          "nama@contoh.id.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    information = forms.CharField(
        label=_("What information do you need?"), widget=forms.Textarea(attrs={"rows": 5}),
        min_length=15, max_length=5000, error_messages={
            "required": _("Describe the information you need."),
            "min_length": _("Describe the information in at least 15 characters.")})
    purpose = forms.CharField(
        label=_("What will you use it for?"), widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5, max_length=2000, error_messages={
            "required": _("Say what you will use the information for."),
            "min_length": _("Say in a few words what you will use the information for.")})
    obtain_method = forms.ChoiceField(
        label=_("How do you want to obtain it?"), choices=InformationRequest.Obtain.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to obtain the information.")})
    delivery_method = forms.ChoiceField(
        label=_("How do you want to receive it?"), choices=InformationRequest.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to receive the information.")})
    ktp = forms.FileField(label=_("Photo or scan of your KTP"), required=False,
                          widget=FileInput(attrs={
                              "accept": "image/jpeg,image/png,application/pdf"}))
    kuasa = forms.FileField(label=_("Letter of authorisation (surat kuasa): from the group, or "
                                    "from the legal entity's management"),
                            required=False, widget=FileInput(attrs={
                                "accept": "image/jpeg,image/png,application/pdf"}))
    badan_hukum = forms.FileField(label=_("Deed or decree of the legal entity"),
                                  required=False, widget=FileInput(attrs={
                                      "accept": "image/jpeg,image/png,application/pdf"}))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def prepared_documents(self) -> dict:
        """The uploads, checked (size, JPEG/PNG/PDF by content); errors go on the form."""
        kind = self.cleaned_data.get("requester_kind")
        wanted = {"ktp": kind in self.K.values,
                  "kuasa": kind in {self.K.GROUP, self.K.LEGAL_ENTITY},
                  "badan_hukum": kind == self.K.LEGAL_ENTITY}
        documents = {}
        for field, needed in wanted.items():
            upload = self.cleaned_data.get(field)
            if not needed:
                continue
            if upload is None:
                continue  # information_request_check says which document is missing
            try:
                documents[field] = prepare_upload(upload, label=self.fields[field].label)
            except ValidationError as exc:
                self.add_error(field, exc.messages)
        return documents


class DelegateForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency of the PPID pembantu"),
        queryset=Agency.objects.filter(is_active=True, is_external=False),
        empty_label=_("Choose an agency"),
        error_messages={"required": _("Choose the agency to delegate to.")})
    note = forms.CharField(label=_("Instruction to the PPID pembantu"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension (the requester reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}), min_length=10, max_length=2000,
        error_messages={"required": _("Write the reason for the extension."),
                        "min_length": _("Write the reason in at least 10 characters.")})


MAX_DELIVERED_FILES = 5
YES_NO = [("1", _("Yes, we hold it")), ("0", _("No, we do not hold it"))]


class DecisionForm(BsrePassphraseMixin, forms.Form):
    """The decision's fields in the order of Pasal 22(7) a–g (and, where BSrE is
    configured, the signer's passphrase)."""

    is_held = forms.TypedChoiceField(
        label=_("(a) Is the information held by this body?"), choices=YES_NO,
        coerce=lambda v: v == "1", widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the information is held.")})
    holder = forms.CharField(label=_("(b) If not: which body holds it (if known)"),
                             max_length=300, required=False)
    outcome = forms.ChoiceField(label=_("(c) Decision"), choices=Decision.Outcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Choose the decision.")})
    exemption = forms.ChoiceField(
        label=_("Exemption ground (Art. 17)"), required=False,
        choices=[("", "—"), *Exemption.choices],
        help_text=_("A refusal or a partial grant names the Art. 17 ground (Art. 22(7)(c)), "
                    "except when the information is not yet held or documented."))
    other_ground = forms.ChoiceField(
        label=_("Or another ground (Art. 6(3))"), required=False,
        choices=[("", "—"), *OtherGround.choices],
        help_text=_("Art. 6(3)(a)–(d) only add to an Art. 17 ground, never replace it. "
                    "Art. 6(3)(e), not yet held or documented, may stand alone."))
    consequence_test = forms.CharField(
        label=_("Consequence test (for a partial grant or a refusal)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        help_text=_("Needed with every Art. 17 ground: the harm disclosure would do, and why "
                    "withholding serves a larger interest (Art. 2(4), 19). Not needed when "
                    "the only ground is Art. 6(3)(e)."))
    given = forms.CharField(label=_("(d) Information given"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    withheld = forms.CharField(label=_("(e) Information blacked out"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    withheld_reason = forms.CharField(label=_("(e) Why it is blacked out"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      max_length=5000)
    form = forms.ChoiceField(label=_("(f) Form"), required=False,
                             choices=[("", "—"), *InformationRequest.Obtain.choices])
    delivery = forms.ChoiceField(label=_("(f) Way of delivery"), required=False,
                                 choices=[("", "—"), *InformationRequest.Delivery.choices])
    cost = forms.IntegerField(label=_("(g) Cost in rupiah (0 if free)"), min_value=0,
                              initial=0, required=False)
    payment = forms.CharField(label=_("(g) How to pay"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    files = MultipleFileField(
        max_files=MAX_DELIVERED_FILES, too_many=_("Attach at most %(n)s files."),
        label=_("Files given to the requester (PDF, JPG, PNG, XLSX, DOCX; at most 5, "
                "10 MB each)"), required=False)

    # The parts of the notice that belong to some outcomes only (services.OUTCOME_FIELDS),
    # each in a fieldset whose legend names its outcomes: the page shows the chosen
    # outcome's parts (ppid/decision.js), or all of them, labelled, without JavaScript.
    FIELDSETS = [
        ("holder", _("If “Not held by this body”: who holds the information"), ("holder",)),
        ("exemption", _("If “Refused” or “Partly granted”: the exemption (Art. 17)"),
         ("exemption", "other_ground", "consequence_test")),
        ("given", _("If “Granted” or “Partly granted”: what is given and how"),
         ("given", "form", "delivery", "cost", "payment", "files")),
        ("withheld", _("If “Partly granted”: what is blacked out"),
         ("withheld", "withheld_reason")),
    ]

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_passphrase()
        if request_obj is not None and not self.is_bound:
            self.initial.setdefault("form", request_obj.obtain_method)
            self.initial.setdefault("delivery", request_obj.delivery_method)

    def fieldsets(self) -> list[dict]:
        from balai.ppid.services import OUTCOME_FIELDS  # noqa: PLC0415

        sets = []
        for name, legend, names in self.FIELDSETS:
            parts = set(names) - {"files"}  # files go with what is given
            outcomes = [o for o, keep in OUTCOME_FIELDS.items() if parts <= keep]
            sets.append({"name": name, "legend": legend, "outcomes": " ".join(outcomes),
                         "fields": [self[n] for n in names]})
        return sets

    def decision_data(self):
        from balai.ppid.services import DecisionData  # noqa: PLC0415

        data = self.cleaned_data
        return DecisionData(**{name: (data.get(name) if name != "cost" else data.get(name) or 0)
                               for name in ("is_held", "outcome", "holder", "exemption",
                                            "other_ground", "consequence_test", "given",
                                            "withheld", "withheld_reason", "form", "delivery",
                                            "cost", "payment")})

    def prepared_files(self) -> list:
        prepared = []
        for upload in self.cleaned_data.get("files") or []:
            try:
                prepared.append(prepare_upload(upload, label=upload.name, max_bytes=DELIVERY_MAX,
                                               allowed=DELIVERY_TYPES))
            except ValidationError as exc:
                self.add_error("files", exc.messages)
        return prepared


def ground_date_field(label, help_text) -> BoundedDateField:
    """The day a keberatan's ground arose: its 30 working days run from it (Art. 36(1))."""
    return BoundedDateField(
        label=label, help_text=help_text,
        error_messages={"required": _("Enter the date the ground arose.")})


class ObjectionText(forms.Form):
    """What every keberatan says, whoever files it and on whatever ground."""

    case_summary = forms.CharField(
        label=_("What happened, and what do you ask for?"),
        widget=forms.Textarea(attrs={"rows": 5}), min_length=20, max_length=5000,
        error_messages={"required": _("Describe what happened and what you object to."),
                        "min_length": _("Describe it in at least 20 characters.")})
    proxy_name = forms.CharField(label=_("Filed by a representative? Their name (optional)"),
                                 max_length=200, required=False)


class ObjectionForm(ObjectionText):
    grounds = forms.MultipleChoiceField(
        label=_("Why do you object? (Art. 35(1) of Law 14/2008)"),
        choices=Objection.Ground.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every ground that applies."),
        error_messages={"required": _("Choose the ground of your objection.")})
    ground_date = ground_date_field(
        _("When did it happen?"),
        _("For example the day you received the answer, or the day after the deadline "
          "passed without one. You have 30 working days from that day."))


class PeriodicObjectionForm(ObjectionText, HoneypotForm):
    """A keberatan that periodic information (Art. 9) was not published: no request needed
    (Art. 35(1)(b) of Law 14/2008)."""

    name = forms.CharField(label=_("Full name"), max_length=200,
                           error_messages={"required": _("Enter your full name.")})
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=1000,
                              error_messages={"required": _("Enter your address.")})
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number (WhatsApp)"), max_length=20, required=False,
                            validators=[phone_validator])
    information = forms.CharField(
        label=_("Which periodic information was not published?"),
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("For example the budget report of an office for 2025, which the law "
                    "requires to be published at least every six months."),
        error_messages={"required": _("Name the periodic information that was not "
                                      "published.")})
    ground_date = ground_date_field(
        _("Since when has it been missing?"),
        _("The day you found it was not published. You have 30 working days from that "
          "day."))


class ObjectionDecisionForm(BsrePassphraseMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Objection.Outcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Choose the decision.")})
    reasons = forms.CharField(label=_("Reasons (printed in the decision letter)"),
                              widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                              error_messages={"required": _("Write the reasons.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_passphrase()


class ObjectionAnswerReceivedForm(forms.Form):
    received_on = BoundedDateField(
        label=_("The requester received the decision on (delivery date on the receipt)"),
        error_messages={"required": _("Enter the delivery date.")})


class DisputeForm(forms.Form):
    commission = forms.CharField(
        label=_("Information commission"), max_length=200,
        initial=settings.PPID_INFORMATION_COMMISSION,
        error_messages={"required": _("Name the information commission.")})
    filed_on = BoundedDateField(label=_("Filed with the commission on"),
                               error_messages={"required": _("Enter the filing date.")})
    registration_number = forms.CharField(label=_("Commission's registration number (if "
                                                  "known)"), max_length=100, required=False)


class DisputeUpdateForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Dispute.Stage.choices,
                              error_messages={"required": _("Choose the stage.")})
    registration_number = forms.CharField(label=_("Commission's registration number"),
                                          max_length=100, required=False)
    settlement_started_on = BoundedDateField(
        label=_("Day the commission began mediation or adjudication"), required=False,
        help_text=_("Its first session. Needed when you record mediation or adjudication: "
                    "the commission has 14 working days from the filing to begin."))
    mediation_result = forms.CharField(label=_("Result of mediation"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=5000)
    decision_date = BoundedDateField(label=_("Date of the commission's decision"),
                                    required=False)
    decision_summary = forms.CharField(label=_("The commission's decision"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=5000)


class DisputeCarryOutForm(forms.Form):
    carried_out_on = BoundedDateField(label=_("Carried out on"),
                                      error_messages={"required": _("Enter the date.")})
    note = forms.CharField(label=_("How the decision was carried out"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("For example: the information given, with the letter "
                                       "number and date."))


class CourtAppealForm(forms.Form):
    level = forms.ChoiceField(label=_("Appeal"), choices=CourtAppeal.Level.choices,
                              widget=forms.RadioSelect)
    court = forms.CharField(label=_("Court"), max_length=200,
                            help_text=_("For example: PTUN Surabaya, or Pengadilan Negeri "
                                        "Malang for a public body that is not a state "
                                        "body (Art. 47)."))
    filed_by = forms.ChoiceField(label=_("Filed by"), choices=CourtAppeal.FiledBy.choices,
                                 widget=forms.RadioSelect)
    filed_on = BoundedDateField(label=_("Filed on"),
                                error_messages={"required": _("Enter the date.")})
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)


class CourtAppealUpdateForm(forms.Form):
    level = forms.ChoiceField(label=_("Appeal"), choices=CourtAppeal.Level.choices,
                              widget=forms.RadioSelect)
    ruling_date = BoundedDateField(label=_("Date of the ruling"), required=False)
    ruling = forms.CharField(label=_("The ruling"), max_length=5000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    carried_out_on = BoundedDateField(label=_("Ruling carried out on"), required=False)
    carried_out_note = forms.CharField(label=_("How the ruling was carried out"),
                                       max_length=5000, required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the public archive (no names, NIK, addresses or contacts)"),
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    keputusan = forms.ChoiceField(required=False, choices=[("", ""), *Decision.Outcome.choices])
    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100)


class StaffRequestForm(RequestForm):
    """A request received at the desk, by letter, e-mail or telephone (UU 14/2008 Ps. 22(3))."""

    channel = forms.ChoiceField(
        label=_("How was the request received?"),
        choices=[c for c in InformationRequest.Channel.choices if c[0] != "web"],
        error_messages={"required": _("Choose how the request was received.")})
    received_at = forms.DateTimeField(
        label=_("Received at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now. For a letter, the date it arrived."),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])

    identity_as_given = forms.CharField(
        label=_("Identity as the requester gave it (telephone or letter, without a NIK)"),
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
        help_text=_("For example: SIM 1234-5678-901234, read out on the telephone; or: copy "
                    "of the KTP enclosed with the letter."))

    field_order = ["channel", "received_at"]

    def clean_received_at(self):
        from django.utils import timezone  # noqa: PLC0415

        value = self.cleaned_data.get("received_at")
        if value and value > timezone.now():
            raise ValidationError(_("The time of receipt cannot be in the future."))
        return value

    def prepared_documents(self) -> dict:
        """At the desk the officer sees the KTP; a scan is kept when one is given."""
        documents = {}
        for field in ("ktp", "kuasa", "badan_hukum"):
            upload = self.cleaned_data.get(field)
            if upload is None:
                continue
            try:
                documents[field] = prepare_upload(upload, label=self.fields[field].label)
            except ValidationError as exc:
                self.add_error(field, exc.messages)
        return documents


class AnnualReportTextForm(forms.Form):
    general_policy = forms.CharField(
        label=_("General policy: facilities, staff and their qualifications, budget and how "
                "it was spent"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000)
    obstacles = forms.CharField(label=_("Internal and external obstacles"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    recommendations = forms.CharField(label=_("Recommendations and follow-up plan"),
                                      required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=10000)


class MonevEntriesForm(forms.Form):
    """Which published, non-exempt DIP entries fulfil a monev checklist item; for an
    at-any-time item, optionally a link instead (UU 14/2008 Pasal 11(1))."""

    entries = forms.ModelMultipleChoiceField(
        label=_("DIP entries"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=DipEntry.objects.none(),
        error_messages={"invalid_choice": _("Choose entries from the list.")})
    url = forms.URLField(label=_("or a link where it is available"), required=False,
                         max_length=500, assume_scheme="https",
                         error_messages={"invalid": _("Enter a full web address.")})

    def __init__(self, *args, with_url: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = (
            DipEntry.objects.filter(is_published=True)
            .exclude(information_class=InformationClass.DIKECUALIKAN)
            .select_related("agency").order_by("information_class", "title", "id"))
        if not with_url:
            del self.fields["url"]


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300,
                            error_messages={"required": _("Enter the title of the announcement.")})
    body = forms.CharField(label=_("Announcement"), widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": _("Write the announcement.")})


class AnnouncementWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"),
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Say why the announcement is "
                                                           "withdrawn.")})


# --- service documents, fees, payments and handover (issue 13) --------------------------


class _UploadMixin:
    """One optional file, checked by content (PDF or image) before any service sees it."""

    upload_field = "upload"

    def prepared_file(self):
        upload = self.cleaned_data.get(self.upload_field)
        if upload is None:
            return None
        try:
            return prepare_upload(upload, label=str(self.fields[self.upload_field].label),
                                  max_bytes=DELIVERY_MAX, allowed=IDENTITY_TYPES)
        except ValidationError as exc:
            self.add_error(self.upload_field, exc.messages)
            return None


class ServiceDocumentForm(_UploadMixin, forms.ModelForm):
    """Shape only; the service checks the dates and audits the change."""

    class Meta:
        model = ServiceDocument
        fields = ["kind", "title", "number", "issued_on", "issued_by", "summary", "review_on",
                  "is_published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "issued_on": DateInput(), "review_on": DateInput()}
        field_classes = {"issued_on": BoundedDateField, "review_on": BoundedDateField}
        help_texts = {
            "review_on": _("Decree on exempt information only: the day it is reviewed, when "
                           "the first of its exemptions' terms ends (Art. 20). Left empty, "
                           "it is the earliest term of the entries it lists."),
            "number": _("For example: 188.45/123/35.73.112/2026."),
        }
        error_messages = {
            "kind": {"required": _("Choose the kind of document.")},
            "title": {"required": _("Enter the title of the document.")},
            "issued_on": {"required": _("Enter the date of issue.")},
        }

    upload = forms.FileField(label=_("File (PDF, JPG or PNG, at most 10 MB)"), required=False,
                             widget=FileInput())
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose the kind")),
                                       *ServiceDocument.Kind.choices]

    def _post_clean(self):
        pass  # model validation runs in the service, with its messages


class FeeItemForm(forms.ModelForm):
    class Meta:
        model = FeeItem
        fields = ["name", "medium", "unit", "amount", "position"]
        error_messages = {
            "name": {"required": _("Enter the item, for example: photocopy A4 per sheet.")},
            "medium": {"required": _("Choose the medium.")},
            "unit": {"required": _("Enter the unit, for example: sheet.")},
            "amount": {"required": _("Enter the amount in rupiah (0 when free).")},
        }

    def _post_clean(self):
        pass


class CopyPaymentForm(forms.Form):
    fee_item = forms.ModelChoiceField(
        label=_("Item of the fee schedule"), queryset=FeeItem.objects.none(),
        error_messages={"required": _("Choose what was paid for."),
                        "invalid_choice": _("Choose an item of the fee schedule in force.")})
    quantity = forms.IntegerField(label=pgettext_lazy("fee schedule", "Quantity"), min_value=1,
                                  max_value=100000,
                                  error_messages={"required": _("Enter the quantity.")})
    paid_on = BoundedDateField(label=pgettext_lazy("fee schedule", "Paid on"),
                               error_messages={"required": _("Enter the day of payment.")})
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from balai.ppid.selectors import fee_schedule_in_force  # noqa: PLC0415

        decision = fee_schedule_in_force()
        self.fields["fee_item"].queryset = (decision.fee_items.all() if decision
                                            else FeeItem.objects.none())
        self.fields["fee_item"].empty_label = _("Choose an item")
        if decision is None:
            self.fields["fee_item"].help_text = _(
                "No fee decision is in force: add one under Service documents first.")


class HandoverForm(_UploadMixin, forms.Form):
    upload_field = "scan"

    handed_over_on = BoundedDateField(label=_("Handed over on"),
                                      error_messages={"required": _("Enter the date.")})
    method = forms.ChoiceField(label=_("How"), choices=InformationRequest.Delivery.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Choose how it was handed over.")})
    received_by = forms.CharField(label=_("Received by"), max_length=200,
                                  help_text=_("The requester, or the person they sent."),
                                  error_messages={"required": _("Enter the name.")})
    items = forms.CharField(label=_("What was handed over"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Say what was handed over.")})
    scan = forms.FileField(label=_("Signed berita acara, scanned (PDF, JPG or PNG; optional)"),
                           required=False, widget=FileInput())
