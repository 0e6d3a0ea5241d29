"""The tower service's forms: they check shape; the services check the rules."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.core.forms import (
    BoundedDateField,
    FileInput,
    HoneypotForm,
    MultipleFileField,
    MultipleFileInput,
)
from balai.towers.models import Condition, Permit, SiteType, Tower, TowerCompany, Zone

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_PERMIT_BYTES = 10 * 1024 * 1024


class TowerForm(forms.ModelForm):
    class Meta:
        model = Tower
        fields = ["code", "name", "company", "status", "site_type", "height_m", "year_built",
                  "is_shared", "lat", "lng", "address"]
        labels = {"code": _("Plate code (empty: the next MNR- number)")}
        error_messages = {
            "lat": {"required": _("Enter the latitude, for example -7.9666.")},
            "lng": {"required": _("Enter the longitude, for example 112.6326.")},
            "height_m": {"required": _("Enter the height in metres.")},
            "company": {"required": _("Choose the owner company.")},
            "site_type": {"required": _("Choose the site type.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["company"].queryset = TowerCompany.objects.order_by("name")

    def _post_clean(self):
        # The service validates the model (kelurahan, unique code); the form checks shape.
        pass


class CompanyForm(forms.ModelForm):
    class Meta:
        model = TowerCompany
        fields = ["name", "nib", "address", "contact_name", "contact_phone", "contact_email"]

    def _post_clean(self):
        pass


class TenancyForm(forms.Form):
    operator = forms.CharField(label=_("Operator"), max_length=100,
                               error_messages={"required": _("Enter the operator's name.")})
    starts_on = BoundedDateField(label=_("From"),
                                 error_messages={"required": _("Enter the start date.")})
    ends_on = BoundedDateField(label=_("Until (empty: still there)"), required=False)


class PermitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Permit.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=100,
                             error_messages={"required": _("Enter the permit's number.")})
    issued_on = BoundedDateField(label=_("Date"),
                                 error_messages={"required": _("Enter the permit's date.")})
    file = forms.FileField(label=_("Scan (PDF, optional)"), required=False,
                           widget=FileInput(attrs={"accept": "application/pdf"}))

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f is None:
            return None
        if f.size > MAX_PERMIT_BYTES:
            raise ValidationError(_("The scan is larger than 10 MB."))
        head = f.read(5)
        f.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("The scan must be a PDF file."))
        return f


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tower list (CSV or XLSX)"),
                           widget=FileInput(attrs={"accept": ".csv,.xlsx"}),
                           error_messages={"required": _("Choose the file to import.")})

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it."))
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a CSV or XLSX file."))
        return f


class ZoneForm(forms.ModelForm):
    polygon_text = forms.CharField(
        label=_("Polygon (GeoJSON, instead of a circle)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}))

    class Meta:
        model = Zone
        fields = ["name", "kind", "legal_source", "max_height_m", "centre_lat", "centre_lng",
                  "radius_m", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.polygon:
            self.fields["polygon_text"].initial = json.dumps(self.instance.polygon)

    def clean_polygon_text(self):
        text = self.cleaned_data["polygon_text"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise ValidationError(_("The polygon is not valid GeoJSON.")) from exc
        if isinstance(value, dict) and value.get("type") == "Feature":
            value = value.get("geometry")
        return value

    def _post_clean(self):
        pass


class SitingRequestForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=TowerCompany.objects.none(),
                                     error_messages={"required": _("Choose the company.")})
    letter_number = forms.CharField(label=_("Application letter number"), max_length=100,
                                    error_messages={"required": _("Enter the letter's number.")})
    letter_date = BoundedDateField(label=_("Application letter date"),
                                   error_messages={"required": _("Enter the letter's date.")})
    lat = forms.FloatField(label=_("Latitude"), min_value=-11.5, max_value=6.5,
                           error_messages={"required": _("Enter the latitude.")})
    lng = forms.FloatField(label=_("Longitude"), min_value=94, max_value=141.5,
                           error_messages={"required": _("Enter the longitude.")})
    height_m = forms.DecimalField(label=_("Height (m)"), min_value=1, max_value=400,
                                  decimal_places=1,
                                  error_messages={"required": _("Enter the height.")})
    site_type = forms.ChoiceField(label=_("Site type"), choices=SiteType.choices)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = TowerCompany.objects.order_by("name")


class SitingDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (required when you go against the rules)"),
                             required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class PointCheckForm(HoneypotForm):
    """The public "cek titik": a point (from the map or typed) and, if known, a height."""

    lat = forms.FloatField(label=_("Latitude"), min_value=-11.5, max_value=6.5,
                           error_messages={"required": _("Choose a point on the map or enter "
                                                         "its latitude."),
                                           "invalid": _("Write the latitude as a decimal "
                                                        "number, for example -7.9666.")})
    lng = forms.FloatField(label=_("Longitude"), min_value=94, max_value=141.5,
                           error_messages={"required": _("Choose a point on the map or enter "
                                                         "its longitude."),
                                           "invalid": _("Write the longitude as a decimal "
                                                        "number, for example 112.6326.")})
    height_m = forms.DecimalField(label=_("Planned height in metres (optional)"),
                                  required=False, min_value=1, max_value=400, decimal_places=1)


CONDITION_WIDGET = forms.RadioSelect


class InspectionForm(forms.Form):
    """The field officer's checklist on the phone; the page's script may keep it on the phone
    and send it later (client_uuid makes the resend harmless)."""

    tower_code = forms.CharField(label=_("Tower code (from the plate)"), max_length=30,
                                 error_messages={"required": _(
                                     "Enter the tower's code, scan its plate or use the "
                                     "nearest tower.")})
    obstruction_light = forms.ChoiceField(label=_("Obstruction light"),
                                          choices=Condition.choices, widget=CONDITION_WIDGET,
                                          error_messages={"required": _("Choose one.")})
    paint = forms.ChoiceField(label=_("Paint (aviation marking)"), choices=Condition.choices,
                              widget=CONDITION_WIDGET,
                              error_messages={"required": _("Choose one.")})
    fence = forms.ChoiceField(label=_("Fence and gate"), choices=Condition.choices,
                              widget=CONDITION_WIDGET,
                              error_messages={"required": _("Choose one.")})
    signboard = forms.ChoiceField(label=_("Signboard with the owner's name"),
                                  choices=Condition.choices, widget=CONDITION_WIDGET,
                                  error_messages={"required": _("Choose one.")})
    generator = forms.ChoiceField(label=_("Generator (genset)"), choices=Condition.choices,
                                  widget=CONDITION_WIDGET,
                                  error_messages={"required": _("Choose one.")})
    in_use = forms.TypedChoiceField(label=_("Is the tower still in use?"),
                                    choices=[("1", _("Yes")), ("0", _("No"))],
                                    coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                    error_messages={"required": _("Choose one.")})
    tenants_seen = forms.CharField(label=_("Operators' equipment seen"), max_length=300,
                                   required=False)
    residents_concerns = forms.CharField(label=_("Residents' concerns"), required=False,
                                         max_length=2000,
                                         widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=_("Other notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultipleFileField(label=_("Photos (up to 5)"), required=False, max_files=5,
                               too_many=_("Send at most %(n)s photos."),
                               widget=MultipleFileInput(attrs={"accept": "image/*",
                                                               "capture": "environment"}))
    gps_lat = forms.FloatField(widget=forms.HiddenInput, required=False, min_value=-11.5,
                               max_value=6.5)
    gps_lng = forms.FloatField(widget=forms.HiddenInput, required=False, min_value=94,
                               max_value=141.5)
    gps_accuracy_m = forms.FloatField(widget=forms.HiddenInput, required=False, min_value=0)
    inspected_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("How was it put right?"), max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 error_messages={"required": _(
                                     "Write how the problem was put right.")})


class LevyForm(forms.Form):
    """An SKRD: a new one (issued as a letter, only under a Perda named in the settings), or
    one issued on paper under the old Perda, entered for its arrears (number and date)."""

    tower_code = forms.CharField(label=_("Tower code"), max_length=30,
                                 error_messages={"required": _("Enter the tower's code.")})
    year = forms.IntegerField(label=_("Levy year"), min_value=2009, max_value=2100,
                              error_messages={"required": _("Enter the levy year.")})
    visits = forms.IntegerField(label=_("Visits a year (tingkat penggunaan jasa)"),
                                min_value=1, max_value=366,
                                error_messages={"required": _("Enter the visits a year.")})
    unit_cost = forms.DecimalField(label=_("Cost of one visit (Rp)"), min_value=1,
                                   decimal_places=0, max_digits=12,
                                   error_messages={"required": _("Enter the cost of a visit.")})
    zone = forms.DecimalField(label=_("Zone coefficient"), min_value=0, decimal_places=2,
                              max_digits=4, initial=1, required=False)
    height = forms.DecimalField(label=_("Height coefficient"), min_value=0, decimal_places=2,
                                max_digits=4, initial=1, required=False)
    type = forms.DecimalField(label=_("Type coefficient"), min_value=0, decimal_places=2,
                              max_digits=4, initial=1, required=False)
    distance = forms.DecimalField(label=_("Distance coefficient"), min_value=0,
                                  decimal_places=2, max_digits=4, initial=1, required=False)
    number = forms.CharField(label=_("SKRD number (paper SKRD only)"), max_length=100,
                             required=False)
    issued_on = BoundedDateField(label=_("SKRD date (paper SKRD only)"), required=False)
    legal_basis = forms.CharField(label=_("Perda article it was issued under (paper SKRD "
                                          "only)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        paper = [data.get("number"), data.get("issued_on"), data.get("legal_basis")]
        if any(paper) and not all(paper):
            raise ValidationError(_("For a paper SKRD give its number, its date and the Perda "
                                    "article; for a new SKRD leave all three empty."))
        for name in ("zone", "height", "type", "distance"):
            if data.get(name) is None and name in self.fields:
                data[name] = 1
        return data


class LevyPaymentForm(forms.Form):
    paid_on = BoundedDateField(label=_("Paid on"),
                               error_messages={"required": _("Enter the payment date.")})
    amount = forms.DecimalField(label=_("Amount (Rp)"), min_value=1, decimal_places=0,
                                max_digits=14,
                                error_messages={"required": _("Enter the amount paid.")})
    reference = forms.CharField(label=_("SSRD or bank reference"), max_length=100,
                                error_messages={"required": _("Enter the SSRD number or the "
                                                              "bank reference.")})


class LevyObjectionForm(forms.Form):
    """The company's objection letter, as received."""

    received_on = BoundedDateField(label=_("Received on"), error_messages={
        "required": _("Enter the date the objection letter was received.")})
    letter_number = forms.CharField(label=_("Objection letter number"), max_length=100,
                                    error_messages={"required": _(
                                        "Enter the number of the company's objection "
                                        "letter.")})
    grounds = forms.CharField(label=_("Grounds"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": _(
                                  "Write the grounds the company gives.")})
    late_reason = forms.CharField(
        label=_("Only when filed late: the circumstances that kept the company from filing "
                "in time"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))


class LevyObjectionDecisionForm(forms.Form):
    """The regional head's decision on an objection, as the officer records it."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose the decision.")})
    decision_number = forms.CharField(label=_("Decision number"), max_length=100,
                                      error_messages={"required": _(
                                          "Enter the number of the decision.")})
    decided_on = BoundedDateField(label=_("Decided on"), error_messages={
        "required": _("Enter the date of the decision.")})
    amount = forms.DecimalField(label=_("New amount (Rp), when granted in part or raised"),
                                required=False, min_value=1, decimal_places=0, max_digits=14)
    note = forms.CharField(label=_("Reasons of the decision"), max_length=4000,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
