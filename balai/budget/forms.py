"""The walidata's forms: a stage imported from a file, a document published, withdrawn."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.budget import matrix
from balai.budget.models import YEAR_RANGE, Stage


class ImportForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), validators=list(YEAR_RANGE),
                              error_messages={"required": _("Enter the budget year.")})
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Choose the stage.")})
    as_of = forms.DateField(
        label=_("Realisation as of (optional)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a realisation during the year: the last day its figures cover."))
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        error_messages={"required": _("Choose the file exported from SIPD or the finance "
                                      "office.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class DocumentForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), validators=list(YEAR_RANGE),
                              error_messages={"required": _("Enter the budget year.")})
    kind = forms.ChoiceField(label=_("Document"), choices=[("", "—")] + matrix.CHOICES,
                             error_messages={"required": _("Choose the kind of document.")})
    title = forms.CharField(label=_("Title"), max_length=300,
                            error_messages={"required": _("Enter the document's title.")})
    number = forms.CharField(label=_("Number (if it has one)"), max_length=120, required=False)
    published_on = forms.DateField(
        label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the day the document was made public.")})
    file = forms.FileField(label=_("PDF"),
                           error_messages={"required": _("Choose the document's PDF.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why is it withdrawn?"), max_length=500,
                             error_messages={"required": _("Say why the document is "
                                                           "withdrawn.")})
