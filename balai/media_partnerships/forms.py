"""Forms check shape; the services check the rules (STYLE.md rule 6)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.core.forms import BoundedDateField, DateInput, FileInput, HoneypotForm
from balai.media_partnerships.files import prepare_paper, prepare_recording
from balai.media_partnerships.models import (
    ApplicationItem,
    ItemKind,
    Journalist,
    MediaOutlet,
    MediaType,
    Order,
    OutletDocument,
    Requirement,
    Tier,
    UkwLevel,
)
from balai.media_partnerships.services import (
    JournalistData,
    OrderData,
    OutletData,
    RateLine,
    RequirementData,
    RoundData,
)
from balai.media_partnerships.services.outlets import OUTLET_FIELDS

DATE_FIELDS = ("deed_date", "press_council_valid_until", "first_published_on")
REQUIRED = {
    "name": _("Enter the outlet's name."),
    "company_name": _("Enter the name of the company that publishes the outlet."),
    "media_type": _("Choose the media type."),
    "legal_form": _("Choose the company's legal form."),
    "deed_number": _("Enter the number of the deed of establishment."),
    "nib": _("Enter the NIB (13 digits)."),
    "npwp": _("Enter the company's NPWP."),
    "address": _("Enter the office address."),
    "email": _("Enter an e-mail address we can write to."),
    "phone": _("Enter a phone number."),
    "bank_name": _("Enter the bank of the company's account."),
    "bank_account_number": _("Enter the account number."),
    "bank_account_name": _("Enter the name the account is held in."),
}


class OutletForm(forms.ModelForm):
    """The outlet's data, on the public form and on its private page."""

    class Meta:
        model = MediaOutlet
        fields = list(OUTLET_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   **{name: DateInput() for name in DATE_FIELDS}}
        field_classes = {name: BoundedDateField for name in DATE_FIELDS}
        help_texts = {
            "kbli": _("The KBLI codes in the deed, separated by commas: 58130 print, 63122 "
                      "web portal, 63912 news agency, 60202 television, 60102 radio."),
            "press_council_certificate": _("Only for an outlet factually verified (TF) by "
                                           "the Press Council."),
            "press_council_valid_until": _("Five years from the date on the certificate."),
            "first_published_on": _("The date of the first edition, broadcast or story."),
        }
        error_messages = {name: {"required": message} for name, message in REQUIRED.items()}

    website = forms.URLField(label=_("website"), required=False, max_length=300,
                             assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["media_type"].choices = [("", _("Choose the media type")),
                                             *self.fields["media_type"].choices[1:]]
        self.fields["legal_form"].choices = [("", _("Choose the legal form")),
                                             *self.fields["legal_form"].choices[1:]]

    def _post_clean(self):
        pass  # the service validates the model, with its own messages

    def outlet_data(self) -> OutletData:
        return OutletData(**{name: self.cleaned_data.get(name) for name in OUTLET_FIELDS})


class RegistrationForm(HoneypotForm, OutletForm):
    """The public registration form: the outlet, its chief editor and its papers."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    chief_name = forms.CharField(label=_("Chief editor's name"), max_length=200,
                                 error_messages={"required": _("Enter the chief editor's "
                                                               "name.")})
    chief_ukw_level = forms.ChoiceField(label=_("Chief editor's UKW level"),
                                        choices=UkwLevel.choices, required=False)
    chief_ukw_certificate = forms.CharField(label=_("Chief editor's UKW certificate number"),
                                            max_length=100, required=False)
    chief_ukw_valid_until = BoundedDateField(label=_("UKW certificate valid until"),
                                             required=False)
    deed = forms.FileField(label=_("Deed of establishment and SK AHU (PDF, JPG or PNG)"),
                           widget=FileInput(),
                           error_messages={"required": _("Upload the deed of establishment.")})
    npwp_card = forms.FileField(label=_("NPWP card"), widget=FileInput(), required=False)
    press_council = forms.FileField(label=_("Press Council certificate"), widget=FileInput(),
                                    required=False)
    ukw = forms.FileField(label=_("Chief editor's UKW certificate"), widget=FileInput(),
                          required=False)
    office_photo = forms.FileField(label=_("Photo of the office"), widget=FileInput(),
                                   required=False)

    UPLOADS = {"deed": OutletDocument.Kind.DEED, "npwp_card": OutletDocument.Kind.NPWP,
               "press_council": OutletDocument.Kind.PRESS_COUNCIL,
               "ukw": OutletDocument.Kind.UKW, "office_photo": OutletDocument.Kind.OFFICE_PHOTO}

    def chief_editor(self) -> JournalistData:
        data = self.cleaned_data
        return JournalistData(name=data.get("chief_name", ""), position="Pemimpin Redaksi",
                              is_chief_editor=True, ukw_level=data.get("chief_ukw_level", ""),
                              ukw_certificate=data.get("chief_ukw_certificate", ""),
                              ukw_valid_until=data.get("chief_ukw_valid_until"))

    def prepared_documents(self) -> list:
        """The uploads checked by content; a refused file's message goes on its field."""
        prepared = []
        for name, kind in self.UPLOADS.items():
            upload = self.cleaned_data.get(name)
            if upload is None:
                continue
            try:
                prepared.append((kind, prepare_paper(upload, label=self.fields[name].label)))
            except ValidationError as exc:
                self.add_error(name, exc)
        return prepared


class JournalistForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "position", "is_chief_editor", "ukw_level", "ukw_certificate",
                  "ukw_valid_until"]
        widgets = {"ukw_valid_until": DateInput()}
        field_classes = {"ukw_valid_until": BoundedDateField}
        error_messages = {"name": {"required": _("Enter the journalist's name.")}}

    def _post_clean(self):
        pass

    def journalist_data(self) -> JournalistData:
        return JournalistData(**{name: self.cleaned_data.get(name) or (
            None if name == "ukw_valid_until" else ("" if name != "is_chief_editor" else False))
            for name in self.Meta.fields})


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document"),
                             choices=[("", _("Choose the document")),
                                      *OutletDocument.Kind.choices],
                             error_messages={"required": _("Choose which document this is.")})
    upload = forms.FileField(label=_("File (PDF, JPG or PNG, at most 5 MB)"), widget=FileInput(),
                             error_messages={"required": _("Choose the file to upload.")})

    def prepared(self):
        try:
            return prepare_paper(self.cleaned_data["upload"], label=_("The file"))
        except ValidationError as exc:
            self.add_error("upload", exc)
            return None


VERDICTS = [("", _("As the automatic check says")), ("yes", _("Met")), ("no", _("Not met"))]


class ItemScoreForm(forms.Form):
    met = forms.ChoiceField(label=_("Team's verdict"), choices=VERDICTS, required=False)
    score = forms.IntegerField(label=_("Score"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def verdict(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("met") or "")

    @classmethod
    def for_item(cls, item: ApplicationItem, data=None):
        initial = {"met": {True: "yes", False: "no"}.get(item.met, ""), "score": item.score,
                   "note": item.note}
        return cls(data, prefix=f"item{item.pk}", initial=initial)


class DecisionForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier (when verified)"),
                             choices=[("", _("Choose the tier")), *Tier.choices],
                             required=False)
    note = forms.CharField(label=_("Reasons or remarks"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("A refusal lists every unmet item with its finding; "
                                       "add anything the team wants the outlet to read."))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What the outlet must correct"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Tell the outlet what to correct.")})


class OrderForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("OPD"), queryset=None, empty_label=_("Choose the OPD"),
                                    error_messages={"required": _("Choose the ordering OPD.")})
    outlet = forms.ModelChoiceField(label=_("Verified outlet"), queryset=None,
                                    empty_label=_("Choose the outlet"),
                                    error_messages={"required": _("Choose the outlet.")})
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    budget_line = forms.CharField(label=_("Budget line (DPA)"), max_length=200,
                                  error_messages={"required": _("Enter the budget line.")})
    ceiling = forms.IntegerField(label=_("Ceiling (Rp)"), min_value=1,
                                 error_messages={"required": _("Enter the ceiling in rupiah.")})
    contract_kind = forms.ChoiceField(label=_("Contract"), choices=Order.Contract.choices)
    contract_reference = forms.CharField(label=_("PKS number or e-Katalog reference"),
                                         max_length=100, error_messages={
                                             "required": _("Enter the PKS number or the "
                                                           "e-Katalog reference.")})
    period_start = BoundedDateField(label=_("Period from"),
                                    error_messages={"required": _("Enter the first day.")})
    period_end = BoundedDateField(label=_("Period to"),
                                  error_messages={"required": _("Enter the last day.")})

    def __init__(self, *args, agencies, outlets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["outlet"].queryset = outlets

    def order_data(self) -> OrderData:
        data = self.cleaned_data
        return OrderData(agency_id=data["agency"].pk, outlet=data["outlet"], year=data["year"],
                         budget_line=data["budget_line"], ceiling=data["ceiling"],
                         contract_kind=data["contract_kind"],
                         contract_reference=data["contract_reference"],
                         period_start=data["period_start"], period_end=data["period_end"])


class OrderItemForm(forms.Form):
    item_kind = forms.ChoiceField(label=_("Item"), choices=[("", _("Choose the item")),
                                                            *ItemKind.choices],
                                  error_messages={"required": _("Choose the item ordered.")})
    description = forms.CharField(label=_("What is to be published"), max_length=300,
                                  error_messages={"required": _("Describe what is to be "
                                                                "published.")})
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)
    unit_price = forms.IntegerField(label=_("Unit price (Rp)"), min_value=1,
                                    error_messages={"required": _("Enter the unit price.")})
    above_card_reason = forms.CharField(
        label=_("Reason for a price above the rate card"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the price is above the card: recorded with your name."))


class _ProofForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=None,
                                  empty_label=_("Choose the item"),
                                  error_messages={"required": _("Choose the item this proves.")})
    published_on = BoundedDateField(label=_("Published on"),
                                    error_messages={"required": _("Enter the day it was "
                                                                  "published.")})

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = order.items.all()


class ProofOnlineForm(_ProofForm):
    url = forms.URLField(label=_("Address (URL) of the page"), max_length=1000,
                         assume_scheme="https",
                         error_messages={"required": _("Enter the address of the page."),
                                         "invalid": _("Enter the full address of the page, "
                                                      "starting with https://.")})


class ProofPrintForm(_ProofForm):
    edition = forms.CharField(label=_("Edition"), max_length=100)
    copies_received = forms.IntegerField(label=_("Copies received"), min_value=0)
    received_by = forms.CharField(label=_("Received by"), max_length=200)


class ProofBroadcastForm(_ProofForm):
    broadcast_log = forms.CharField(label=_("Broadcast log"), widget=forms.Textarea(
        attrs={"rows": 3}), error_messages={"required": _("Paste the broadcast log.")})
    recording = forms.FileField(label=_("Recording (MP3, OGG or MP4, at most 50 MB)"),
                                widget=FileInput(),
                                error_messages={"required": _("Upload the recording.")})

    def prepared(self):
        try:
            return prepare_recording(self.cleaned_data["recording"], label=_("The recording"))
        except ValidationError as exc:
            self.add_error("recording", exc)
            return None


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=100,
                             error_messages={"required": _("Enter the invoice number.")})
    received_on = BoundedDateField(label=_("Received on"),
                                   error_messages={"required": _("Enter the day the invoice "
                                                                 "was received.")})
    amount = forms.IntegerField(label=_("Amount before tax (Rp)"), min_value=1,
                                error_messages={"required": _("Enter the amount invoiced.")})


class PaymentForm(forms.Form):
    sp2d_number = forms.CharField(label=_("SP2D number"), max_length=100,
                                  error_messages={"required": _("Enter the SP2D number.")})
    sp2d_date = BoundedDateField(label=_("SP2D date"),
                                 error_messages={"required": _("Enter the SP2D date.")})


# --- the media officer's configuration ---------------------------------------------------

class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=200,
                           error_messages={"required": _("Give the round a name.")})
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100,
                              error_messages={"required": _("Enter the budget year.")})
    legal_basis = forms.CharField(label=_("Legal basis (Perbup/Perwal)"), max_length=300,
                                  error_messages={"required": _("Name the Perbup or Perwal "
                                                                "the round follows.")})
    opens_on = BoundedDateField(label=_("Registration opens"), error_messages={
        "required": _("Enter the day registration opens.")})
    closes_on = BoundedDateField(label=_("Registration closes"), error_messages={
        "required": _("Enter the day registration closes.")})
    valid_until = BoundedDateField(label=_("Verification valid until"), error_messages={
        "required": _("Enter the last day the verification is valid.")})

    def round_data(self) -> RoundData:
        return RoundData(**self.cleaned_data)


class RequirementForm(forms.Form):
    kind = forms.ChoiceField(label=_("How it is checked"),
                             choices=[("", _("Choose how it is checked")),
                                      *Requirement.Kind.choices],
                             error_messages={"required": _("Choose how the item is checked.")})
    value = forms.CharField(label=_("Parameter"), max_length=200, required=False, help_text=_(
        "Document: its kind (deed, nib, npwp, press_council, ukw, office_photo, circulation, "
        "bank, ekatalog, broadcast_licence). Press Council: administrative or factual. UKW: "
        "muda, madya or utama. KBLI: the accepted codes, separated by commas. Months of "
        "output: a number. Otherwise empty."))
    label = forms.CharField(label=_("What is required (as the outlet reads it)"),
                            max_length=300, error_messages={
                                "required": _("Write what is required, as the outlet will "
                                              "read it.")})
    max_score = forms.IntegerField(label=_("Maximum score"), min_value=0, max_value=100,
                                   initial=10)
    order = forms.IntegerField(label=_("Position in the checklist"), min_value=0,
                               max_value=999, initial=0)

    def requirement_data(self) -> RequirementData:
        return RequirementData(**self.cleaned_data)


class RateCardForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100,
                              error_messages={"required": _("Enter the budget year.")})
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, error_messages={
        "required": _("Name the regulation that sets the prices.")})


class RateLineForm(forms.Form):
    media_type = forms.ChoiceField(label=_("Media type"),
                                   choices=[("", _("Choose the media type")),
                                            *MediaType.choices],
                                   error_messages={"required": _("Choose the media type.")})
    item_kind = forms.ChoiceField(label=_("Item"), choices=[("", _("Choose the item")),
                                                            *ItemKind.choices],
                                  error_messages={"required": _("Choose the item.")})
    tier = forms.ChoiceField(label=_("Tier"), choices=[("", _("Choose the tier")),
                                                       *Tier.choices],
                             error_messages={"required": _("Choose the tier.")})
    unit = forms.CharField(label=_("Unit"), max_length=50, initial="per tayang",
                           error_messages={"required": _("Enter the unit, e.g. per tayang.")})
    price = forms.IntegerField(label=_("Price (Rp)"), min_value=1, max_value=10**12,
                               error_messages={"required": _("Enter the price in rupiah."),
                                               "min_value": _("The price must be at least "
                                                              "Rp1.")})

    def line(self) -> RateLine:
        return RateLine(**self.cleaned_data)
