from django import forms
from django.utils.translation import gettext_lazy as _

from balai.agencies.models import Agency
from balai.open_data.models import Dataset


class DatasetForm(forms.ModelForm):
    file = forms.FileField(label=_("File (CSV or XLSX)"), required=False,
                           help_text=_("Checked for personal data before it is stored."))

    class Meta:
        model = Dataset
        fields = ("slug", "title", "description", "producer", "topic", "frequency", "period",
                  "unit", "reference_codes", "tags")
        error_messages = {
            "slug": {"required": _("Enter the dataset's address, e.g. "
                                   "jumlah-posyandu-per-kelurahan.")},
            "title": {"required": _("Enter the dataset's title.")},
            "description": {"required": _("Say what the data is and where it comes from.")},
            "period": {"required": _("Enter the period the data covers.")},
            "unit": {"required": _("Enter what the numbers count.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = Agency.objects.filter(is_external=False)
        if self.instance.pk:
            self.fields["slug"].disabled = True
