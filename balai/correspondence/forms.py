"""Forms of persuratan: shape only; the services check the rules (STYLE.md rule 6)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import User
from balai.core.forms import BoundedDateField, FileInput, HoneypotForm
from balai.correspondence.models import (
    Instruction,
    OutgoingKind,
    Position,
    Security,
    Urgency,
)
from balai.documents.models import Classification

SCAN_ACCEPT = "application/pdf,image/jpeg,image/png"


class IncomingForm(forms.Form):
    """The front office registers a letter from its scan."""

    addressee = forms.ModelChoiceField(
        label=_("Addressed to"), queryset=Position.objects.none(), empty_label=_("Choose"),
        error_messages={"required": _("Choose the official the letter is addressed to.")})
    sender_name = forms.CharField(label=_("Sender"), max_length=200,
                                  error_messages={"required": _("Enter who sent the letter.")})
    sender_address = forms.CharField(label=_("Sender's address"), max_length=300,
                                     required=False)
    letter_number = forms.CharField(label=_("Letter number"), max_length=120, required=False)
    letter_date = BoundedDateField(label=_("Letter date"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300,
                              error_messages={"required": _("Enter the subject of the letter.")})
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices,
                                initial=Urgency.BIASA)
    security = forms.ChoiceField(label=_("Security class"), choices=Security.choices,
                                 initial=Security.BIASA)
    classification = forms.ModelChoiceField(
        label=_("Archive classification"), queryset=Classification.objects.all(),
        required=False, empty_label=_("Choose a classification"))
    scan = forms.FileField(label=_("Scan of the letter (PDF, JPG or PNG, at most 10 MB)"),
                           required=False,
                           widget=FileInput(attrs={"accept": SCAN_ACCEPT},
                                            choose=_("Choose the scan")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = Position.objects.select_related("user")


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment (PDF, JPG or PNG, at most 10 MB)"),
                           widget=FileInput(attrs={"accept": SCAN_ACCEPT},
                                            choose=_("Choose the file")),
                           error_messages={"required": _("Choose the file to attach.")})


class PublicLetterForm(HoneypotForm):
    """"Kirim surat ke Pemkot": a citizen's letter to the city government."""

    sender_name = forms.CharField(label=_("Your name or your organisation's"), max_length=200,
                                  error_messages={"required": _("Enter your name.")})
    sender_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    sender_email = forms.EmailField(label=_("E-mail"), required=False, error_messages={
        "invalid": _("Enter an e-mail address such as nama@contoh.id.")})
    sender_phone = forms.CharField(label=_("Phone or WhatsApp"), max_length=20,
                                   required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300,
                              error_messages={"required": _("Enter the subject of your "
                                                            "letter.")})
    summary = forms.CharField(label=_("Your letter"), widget=forms.Textarea(attrs={"rows": 8}),
                              error_messages={"required": _("Write your letter.")})
    scan = forms.FileField(label=_("Attachment (PDF, JPG or PNG, at most 10 MB)"),
                           required=False,
                           widget=FileInput(attrs={"accept": SCAN_ACCEPT}))


class DisposeForm(forms.Form):
    recipients = forms.ModelMultipleChoiceField(
        label=_("To"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one official.")})
    instructions = forms.MultipleChoiceField(
        label=_("Instructions"), choices=Instruction.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes for the recipients"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    workdays = forms.IntegerField(
        label=_("Due in (working days)"), min_value=1, max_value=60, initial=3,
        error_messages={"required": _("Enter in how many working days it is due."),
                        "min_value": _("At least 1 working day."),
                        "max_value": _("At most 60 working days.")})

    def __init__(self, *args, subordinates=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recipients"]
        field.queryset = User.objects.filter(pk__in=[p.user_id for p in subordinates])
        titles = {p.user_id: p.title for p in subordinates}
        field.label_from_instance = lambda u: f"{u.get_full_name()} — {titles.get(u.pk, '')}"


class RespondForm(forms.Form):
    response = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": _("Write what was done.")})


class CloseLetterForm(forms.Form):
    note = forms.CharField(label=_("Note for the file"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    classification = forms.ModelChoiceField(
        label=_("Archive classification"), queryset=Classification.objects.all(),
        required=False, empty_label=_("Choose a classification"),
        help_text=_("The letter came without one: it is filed under this code."))

    def __init__(self, *args, needs_classification: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_classification:
            del self.fields["classification"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Subject or tracking code"), required=False)
    sender = forms.CharField(label=_("Sender"), required=False)
    number = forms.CharField(label=_("Letter or agenda number"), required=False)
    received_from = BoundedDateField(label=_("Received from"), required=False)
    received_to = BoundedDateField(label=_("Received until"), required=False)
    classification = forms.CharField(label=_("Classification code"), required=False)


MAX_REVIEWERS = 6


class DraftForm(forms.Form):
    """A new outgoing letter: its kind, text, review chain and signer."""

    kind = forms.ChoiceField(label=_("Kind"), choices=OutgoingKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=300, error_messages={
        "required": _("Enter the subject of the letter.")})
    addressees = forms.CharField(label=_("Addressees (one per line)"),
                                 widget=forms.Textarea(attrs={"rows": 2}), error_messages={
                                     "required": _("Enter at least one addressee.")})
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={"required": _("Write the text of the letter.")})
    copies = forms.CharField(label=_("Copies (tembusan), one per line"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    security = forms.ChoiceField(label=_("Security class"), choices=Security.choices,
                                 initial=Security.BIASA)
    classification = forms.ModelChoiceField(
        label=_("Archive classification"), queryset=Classification.objects.all(),
        empty_label=_("Choose a classification"),
        error_messages={"required": _("Choose the archive classification.")})
    signer = forms.ModelChoiceField(label=_("Signer"), queryset=User.objects.none(),
                                    empty_label=_("Choose"),
                                    error_messages={"required": _("Choose the official who "
                                                                  "signs.")})

    def __init__(self, *args, officials=(), **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(pk__in=[p.user_id for p in officials])
        titles = {p.user_id: p.title for p in officials}
        self.fields["signer"].queryset = users
        self.fields["signer"].label_from_instance = (
            lambda u: f"{u.get_full_name()} — {titles.get(u.pk, '')}")
        # The paraf chain in order, each a select of the office's officials: a pemda's
        # chain (staff, kasubbag, kabid, sekretaris, ...) often runs past three.
        self.reviewer_fields = []
        for i in range(1, MAX_REVIEWERS + 1):
            name = f"reviewer_{i}"
            self.fields[name] = forms.ModelChoiceField(
                label=_("Reviewer %(n)s") % {"n": i}, queryset=users, required=False,
                empty_label=_("None"))
            self.fields[name].label_from_instance = self.fields["signer"].label_from_instance
            self.reviewer_fields.append(name)
        self.order_fields([n for n in self.fields if n != "signer"] + ["signer"])

    def reviewers(self) -> list:
        return [self.cleaned_data[n] for n in self.reviewer_fields if self.cleaned_data.get(n)]


class ReviseForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300, error_messages={
        "required": _("Enter the subject of the letter.")})
    addressees = forms.CharField(label=_("Addressees (one per line)"),
                                 widget=forms.Textarea(attrs={"rows": 2}), error_messages={
                                     "required": _("Enter at least one addressee.")})
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={"required": _("Write the text of the letter.")})
    copies = forms.CharField(label=_("Copies (tembusan), one per line"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    notes = forms.CharField(label=_("What should change"),
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Write what should change.")})


class SignForm(forms.Form):
    """The passphrase is typed at signing, sent once to BSrE and never kept."""

    passphrase = forms.CharField(
        label=_("BSrE passphrase"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text=_("Typed now, sent only to the BSrE signing service, never stored."))


class DistributeForm(forms.Form):
    """Send a signed letter: officials of the office (into their queue), outside
    addressees by e-mail (one per line, 'Name; address'), or by post/courier (recorded)."""

    internal_to = forms.ModelMultipleChoiceField(
        label=_("Officials it is addressed to"), queryset=Position.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)
    internal_copies = forms.ModelMultipleChoiceField(
        label=_("Officials who get a copy (tembusan)"), queryset=Position.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)
    by_email = forms.CharField(
        label=_("Outside addressees by e-mail"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: name; e-mail address. They get a private link to the "
                    "signed letter."))
    by_post = forms.CharField(
        label=_("Sent by post or courier"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: the addressee and address, recorded as dispatched."))

    def __init__(self, *args, positions=(), suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Position.objects.filter(pk__in=[p.pk for p in positions]).select_related(
            "user")
        for name in ("internal_to", "internal_copies"):
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = (
                lambda p: f"{p.title} — {p.user.get_full_name()}")
        if suggested and not self.is_bound:
            self.initial.update(internal_to=[p.pk for p in suggested.get("to", [])],
                                internal_copies=[p.pk for p in suggested.get("copy", [])])

    def clean_by_email(self):
        rows = []
        validate = forms.EmailField().clean
        for line in (self.cleaned_data.get("by_email") or "").splitlines():
            if not line.strip():
                continue
            name, _sep, address = line.rpartition(";")
            try:
                address = validate(address.strip())
            except ValidationError:
                raise ValidationError(_("Write each line as: name; e-mail address (%(line)s).")
                                      % {"line": line.strip()[:80]}) from None
            rows.append((name.strip() or address, address))
        return rows

    def clean_by_post(self):
        return [line.strip() for line in (self.cleaned_data.get("by_post") or "").splitlines()
                if line.strip()]

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(n) for n in (
                "internal_to", "internal_copies", "by_email", "by_post")):
            raise ValidationError(_("Choose at least one recipient to send the letter to."))
        return data
