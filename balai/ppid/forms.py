from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.ppid.models import DipEntry, Exemption, InformationClass


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
                  "exemption", "exemption_decree", "consequence_test", "exempt_until",
                  "is_published"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "consequence_test": forms.Textarea(attrs={"rows": 5}),
            "exempt_until": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "title": {"required": _("Enter the title of the information.")},
            "information_class": {"required": _("Choose the class of the information.")},
            "agency": {"required": _("Choose the unit that holds the information.")},
        }

    url = forms.URLField(label=_("link to the information"), required=False, max_length=500,
                         assume_scheme="https")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        self.fields["exemption"].choices = [("", _("— not exempt —")), *Exemption.choices]

    def _post_clean(self):
        # Model validation (constraints included) runs in the service, with its messages.
        pass

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1945 <= year <= 2100:
            raise ValidationError(_("Enter a year such as 2026."))
        return year
