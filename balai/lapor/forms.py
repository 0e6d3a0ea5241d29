from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.complaints.models import Category
from balai.core.forms import BoundedDateField, DateRangeMixin

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ExportForm(DateRangeMixin, forms.Form):
    date_from = BoundedDateField(label=_("Received from"), required=False)
    date_to = BoundedDateField(label=_("Received until"), required=False)
    format = forms.ChoiceField(label=_("File type"), initial="xlsx", widget=forms.RadioSelect,
                               choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("LAPOR! export (CSV or XLSX)"),
                           widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
                           error_messages={"required": _("Choose the file to import.")})
    default_category = forms.ModelChoiceField(
        label=_("Category for reports whose LAPOR! category is none of ours"), required=False,
        queryset=Category.objects.filter(is_active=True).order_by("name"),
        empty_label=_("None: such rows are refused"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it."))
        return f
