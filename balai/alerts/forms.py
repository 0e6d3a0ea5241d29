from django import forms
from django.utils.translation import gettext_lazy as _

from balai.agencies.models import Agency
from balai.alerts.models import Subscription
from balai.alerts.services import RADII_M
from balai.complaints.models import Category
from balai.core.forms import HoneypotForm
from balai.geo.models import Area


def area_choices():
    rows = Area.objects.filter(level__in=["kecamatan", "kelurahan", "desa"]).order_by(
        "level", "name").values_list("code", "name", "level")
    kec = [(code, name) for code, name, level in rows if level == "kecamatan"]
    kel = [(code, name) for code, name, level in rows if level != "kecamatan"]
    return [("", _("Any area")), (_("Kecamatan"), kec), (_("Kelurahan/desa"), kel)]


class SubscribeForm(HoneypotForm):
    """The sign-up: what to follow (shape only; the service checks the rules)."""

    area = forms.ChoiceField(label=_("Kelurahan or kecamatan"), required=False)
    radius_m = forms.TypedChoiceField(
        label=_("Or: within a distance of a point on the map"), required=False, coerce=int,
        empty_value=None, choices=[("", _("No radius")),
                                   *[(m, _("%(m)s metres") % {"m": m}) for m in RADII_M]])
    lat = forms.FloatField(widget=forms.HiddenInput, min_value=-90, max_value=90,
                           required=False)
    lng = forms.FloatField(widget=forms.HiddenInput, min_value=-180, max_value=180,
                           required=False)
    category = forms.ModelChoiceField(label=_("Category"), required=False,
                                      queryset=Category.objects.filter(is_active=True),
                                      empty_label=_("Any category"), to_field_name="code")
    agency = forms.ModelChoiceField(label=_("Agency (OPD) in charge"), required=False,
                                    queryset=Agency.objects.filter(is_external=False),
                                    empty_label=_("Any agency"), to_field_name="code")
    events = forms.ChoiceField(label=_("What do you want to receive?"),
                               choices=Subscription.Events.choices, widget=forms.RadioSelect,
                               initial=Subscription.Events.NEW)
    frequency = forms.ChoiceField(label=_("How often?"), choices=Subscription.Frequency.choices,
                                  widget=forms.RadioSelect,
                                  initial=Subscription.Frequency.IMMEDIATE)
    channel = forms.ChoiceField(label=_("Send to"), choices=Subscription.Channel.choices,
                                widget=forms.RadioSelect, initial=Subscription.Channel.EMAIL)
    recipient = forms.CharField(label=_("Your e-mail address or WhatsApp number"),
                                max_length=254, error_messages={
                                    "required": _("Enter the e-mail address or WhatsApp "
                                                  "number that will receive the alerts.")})

    def __init__(self, *args, whatsapp: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()
        if not whatsapp:
            self.fields["channel"].choices = [Subscription.Channel.choices[0]]

    def clean_area(self):
        code = self.cleaned_data["area"]
        if not code:
            return None
        area = Area.objects.filter(code=code).defer("geometry").first()
        if area is None:
            raise forms.ValidationError(_("Choose a kelurahan or kecamatan from the list."))
        return area
