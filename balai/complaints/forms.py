from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import phone_validator
from balai.agencies.models import Agency
from balai.complaints.models import Category, Complaint
from balai.complaints.photos import MAX_PHOTOS
from balai.complaints.services import ARCHIVE_REASONS
from balai.core.forms import (
    BoundedDateField,
    DateRangeMixin,
    HoneypotForm,
    MultipleFileField,
    MultipleFileInput,
)

PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class MultiplePhotoField(MultipleFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_TYPES},
                                                      choose=_("Choose photos")))
        super().__init__(*args, max_files=MAX_PHOTOS,
                         too_many=_("Add at most %(n)s photos."), **kwargs)


def category_choices():
    groups: dict[str, list] = {}
    for cat in Category.objects.filter(is_active=True).select_related("group"):
        groups.setdefault(cat.group.name, []).append((cat.pk, cat.name))
    return [("", _("Choose a category")), *groups.items()]


class ReportForm(HoneypotForm):
    category = forms.TypedChoiceField(label=_("What is the problem about?"), coerce=int,
                                      error_messages={"required": _("Choose a category.")})
    # Not required here: without a pin the view looks for GPS in the photos first.
    lat = forms.FloatField(widget=forms.HiddenInput, min_value=-90, max_value=90,
                           required=False)
    lng = forms.FloatField(widget=forms.HiddenInput, min_value=-180, max_value=180,
                           required=False)
    address = forms.CharField(label=_("Address or landmark (optional)"), max_length=300,
                              required=False)
    photos = MultiplePhotoField(label=_("Photos (up to 5)"), required=False)
    title = forms.CharField(label=_("Title"), max_length=150, min_length=5,
                            error_messages={"required": _("Give your report a short title."),
                                            "min_length": _("Write a title of at least 5 "
                                                            "characters.")})
    description = forms.CharField(label=_("Describe the problem"), widget=forms.Textarea(
        attrs={"rows": 5}), min_length=15, max_length=5000, error_messages={
        "required": _("Describe the problem."),
        "min_length": _("Describe the problem in at least 15 characters.")})
    reporter_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    reporter_email = forms.EmailField(label=_("E-mail address"), required=False)
    reporter_phone = forms.CharField(label=_("WhatsApp number"), max_length=20, required=False,
                                     validators=[phone_validator])
    is_anonymous = forms.BooleanField(label=_("Anonim: publish my report without my name"),
                                      required=False)
    is_confidential = forms.BooleanField(label=_("Rahasia: do not publish my report at all"),
                                         required=False)
    share_identity = forms.BooleanField(
        label=_("If my report is forwarded to another body (e.g. the province), my name and "
                "contact may go with it"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # What the report is about when the citizen came from an asset's page (a tower's QR
    # plate): "menara:MLG-0001" (balai.core.assets).
    asset = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.staff = staff
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Channel"),
                choices=[c for c in Complaint.Channel.choices
                         if c[0] not in {"web", "open311", "forwarded"}])
            self.order_fields(["channel"])

    def clean(self):
        data = super().clean()
        if not self.staff and not (data.get("reporter_email") or data.get("reporter_phone")) \
                and not self.has_error("reporter_email") and not self.has_error("reporter_phone"):
            self.add_error("reporter_email", _("Give an e-mail address or a WhatsApp number so "
                                               "that we can tell you what happens."))
        return data


class VerifyForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.filter(
        is_active=True, is_external=False), empty_label=_("Choose an agency"),
        error_messages={"required": _("Choose an agency")})
    instruction = forms.CharField(label=_("Instruction to the agency"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(label=_("Reason for choosing another agency"),
                                      required=False)


class ForwardForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Outside body"), queryset=Agency.objects.filter(
        is_active=True, is_external=True), empty_label=_("Choose an outside body"),
        error_messages={"required": _("Choose an outside body")})
    reference = forms.CharField(label=_("Their reference number"), max_length=100,
                                required=False)
    reason = forms.CharField(label=_("Reason"), required=False)


class ArchiveForm(forms.Form):
    # No reason is preselected: archiving is never the default (issue 11).
    reason = forms.ChoiceField(label=_("Reason"), choices=[
        ("", _("— Choose a reason —")),
        ("spam", _("Spam or abuse")), ("out_of_scope", _("Not a matter for the city")),
        ("incomplete", _("Too little information"))],
        error_messages={"required": _("Choose a reason for archiving.")})
    note = forms.CharField(label=_("Note to the reporter"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        if reason not in ARCHIVE_REASONS:
            raise ValidationError(_("Choose a reason for archiving."))
        return reason


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Tracking code of the original complaint"),
                               max_length=20, error_messages={
                                   "required": _("Enter the tracking code of the original "
                                                 "complaint.")})

    def clean_original(self):
        code = self.cleaned_data["original"].strip().upper()
        original = Complaint.objects.filter(code=code).first()
        if original is None:
            raise ValidationError(_("No complaint has the code %(code)s.") % {"code": code})
        return original


class CorrectForm(forms.Form):
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    lat = forms.FloatField(label=_("Latitude"))
    lng = forms.FloatField(label=_("Longitude"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=5000, error_messages={"required": _("Write the text.")})


class ConfidentialityForm(forms.Form):
    is_confidential = forms.TypedChoiceField(
        label=_("Confidentiality"), widget=forms.RadioSelect, coerce=lambda v: v == "1",
        choices=[("1", _("Rahasia: not published")), ("0", _("Public (the reporter's "
                                                              "contact never is)"))],
        error_messages={"required": _("Choose rahasia or public.")})
    reason = forms.CharField(label=_("Reason (the reporter reads it)"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Say why.")})


class AnswerForm(TextForm):
    photos = MultiplePhotoField(label=_("Evidence photos"), required=False)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How satisfied are you with the answer?"),
                                    coerce=int, widget=forms.RadioSelect,
                                    choices=[(i, str(i)) for i in range(1, 6)],
                                    error_messages={"required": _("Choose a rating from 1 to "
                                                                  "5.")})
    comment = forms.CharField(label=_("Comment (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class FixedForm(forms.Form):
    """'Sudah beres?': yes, or not yet with what is still wrong (the service requires it)."""

    answer = forms.ChoiceField(label=_("Is the problem fixed?"), widget=forms.RadioSelect,
                               choices=[("sudah", _("Yes, it is fixed (sudah)")),
                                        ("belum", _("No, not yet (belum)"))],
                               error_messages={"required": _("Choose 'sudah' or 'belum'.")})
    note = forms.CharField(label=_("What is still wrong? (required if not fixed)"),
                           required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))


class QueueFilterForm(forms.Form):
    """The staff queue's search and filters; empty: the officer's own queue."""

    query = forms.CharField(label=_("Search"), required=False, max_length=100,
                            help_text=_("Tracking code, words of the title, or the reporter's "
                                        "e-mail or phone number"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("My queue")), *Complaint.Status.choices])
    category = forms.ChoiceField(label=_("Category"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *Category.objects
                                           .filter(is_active=True).values_list("code", "name")]
        from balai.geo.models import Area  # noqa: PLC0415

        self.fields["kelurahan"].choices = [("", _("All kelurahan")), *Area.objects.filter(
            level__in=["kelurahan", "desa"]).order_by("name").values_list("code", "name")]


class PublicFilterForm(forms.Form):
    category = forms.CharField(required=False)
    kecamatan = forms.CharField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", "")] + list(
        Complaint.Status.choices))
    date_from = BoundedDateField(required=False)
    date_to = BoundedDateField(required=False)


class CheckForm(forms.Form):
    """The checking unit's verdict on an answer: a note, required to send it back."""

    text = forms.CharField(label=_("Note for the agency"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when the answer is sent back: say what "
                                       "must be corrected."))


class ExportForm(DateRangeMixin, forms.Form):
    """Filters of the staff export; the agency filter is offered to the desk only."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Complaint.Status.choices])
    category = forms.ModelChoiceField(label=_("Category"), required=False,
                                      queryset=Category.objects.order_by("name"),
                                      empty_label=_("All categories"))
    agency = forms.ModelChoiceField(label=_("Agency"), required=False,
                                    queryset=Agency.objects.order_by("name"),
                                    empty_label=_("All agencies"))
    date_from = BoundedDateField(label=_("Received from"), required=False)
    date_to = BoundedDateField(label=_("Received until"), required=False)
    format = forms.ChoiceField(label=_("File type"), initial="xlsx", widget=forms.RadioSelect,
                               choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))])

    def __init__(self, *args, desk: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not desk:
            del self.fields["agency"]


class SupportForm(HoneypotForm):
    """ "Ikut melapor": who supports the complaint and how to reach them. The service checks
    the address and number (complaints.services.complaint_support); this form the shape."""

    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.CharField(label=_("E-mail address"), required=False, max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("or WhatsApp number"), required=False, max_length=30,
                            widget=forms.TextInput(attrs={"type": "tel",
                                                          "autocomplete": "tel"}))
