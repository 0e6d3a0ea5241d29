from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.forwarding.services import parse_service_map


class EndpointForm(forms.Form):
    base_url = forms.URLField(
        label=_("Base URL of their Open311 (GeoReport v2)"), max_length=300,
        assume_scheme="https",
        error_messages={"required": _("Enter the address of their Open311, e.g. "
                                      "https://balai.jatimprov.go.id/open311/v2."),
                        "invalid": _("Enter a full address starting with https://.")})
    jurisdiction_id = forms.CharField(label=_("Jurisdiction id"), max_length=100,
                                      required=False)
    api_key = forms.CharField(
        label=_("API key"), required=False, max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}))
    service_map = forms.CharField(
        label=_("Our categories and their service codes"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}))
    is_active = forms.BooleanField(label=_("Send forwards to this body over Open311"),
                                   required=False)

    def clean_service_map(self) -> dict[str, str]:
        try:
            return parse_service_map(self.cleaned_data["service_map"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
