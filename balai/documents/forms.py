from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core.forms import BoundedDateField, FileInput

MAX_UPLOAD = 20 * 1024 * 1024


class BsrePassphraseMixin:
    """Adds the signer's BSrE passphrase to a form that issues a signed letter, where a BSrE
    service is configured (DOCUMENTS_BSRE_URL): typed at signing, sent once to BSrE, never
    stored, never shown again (UU ITE Pasal 11: the key in the signer's sole control).
    Views that take it mark the field with @sensitive_post_parameters."""

    def add_passphrase(self) -> None:
        from balai.documents.bsre import bsre_configured  # noqa: PLC0415

        if bsre_configured():
            self.fields["passphrase"] = forms.CharField(
                label=_("BSrE passphrase"), required=False, strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
                help_text=_("Typed now, sent only to the BSrE signing service, never stored."))


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("PDF document"),
        help_text=_("The PDF you received, up to 20 MB. It is checked and not kept."),
        widget=FileInput(attrs={"accept": "application/pdf,.pdf"}, choose=_("Choose a PDF")),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This file is not a PDF."))
        return upload


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        help_text=_("Number, subject, addressee, signer or SHA-256."),
                        widget=forms.TextInput(attrs={"class": "input", "type": "search"}))
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             widget=forms.Select(attrs={"class": "input"}))
    unit = forms.ChoiceField(label=_("Unit"), required=False,
                             widget=forms.Select(attrs={"class": "input"}))
    date_from = BoundedDateField(label=_("Issued from"), required=False)
    date_to = BoundedDateField(label=_("Issued until"), required=False)

    def __init__(self, *args, kinds, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["unit"].choices = [("", _("All units")), *((u, u) for u in units)]
