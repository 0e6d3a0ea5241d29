"""Form pieces shared by the services' forms."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.core.tracking import code_normalise

# Dates a filter or a form accepts: wide enough for any case and its history, narrow enough
# that a day range around them never leaves the calendar (issue 23: 0001-01-01 and
# 9999-12-31 answered 500 with an OverflowError).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


# A day as people here write it (31/12/2026), with - or . for /; ISO too, for the links
# and bookmarks made when the filters were native date controls.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DateRangeMixin:
    """A form's `date_from`..`date_to`: the end on or after the start (the export forms)."""

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data


class DateInput(forms.DateInput):
    """A text box for a day written dd/mm/yyyy. Not Chromium's native date control: that
    follows the browser's locale, not the page's lang, and shows mm/dd/yyyy on an
    English-language browser."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off",
                                "class": "input", **(attrs or {})},
                         format="%d/%m/%Y")


class BoundedDateField(forms.DateField):
    """A day typed as dd/mm/yyyy (or ISO), for filters and forms: refuses days outside
    2000–2100 with a message."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Write the date as day/month/year, for example 31/12/2026."),
    }

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                _("Enter a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": EARLIEST_DATE.strftime("%d/%m/%Y"),
                        "last": LATEST_DATE.strftime("%d/%m/%Y")})


class FileInput(forms.FileInput):
    """A file input in the page's language: a button in our words ("Choose a file", or the
    `choose` text given) under the browser's own control, which is transparent but still
    the thing clicked, focused and read by screen readers (under its one label, the
    field's). balai.js writes the chosen file names; without it the upload works the same.
    """

    template_name = "core/widgets/file_input.html"

    def __init__(self, attrs=None, *, choose=None):
        super().__init__(attrs)
        self.choose = choose

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(choose=self.choose or _("Choose a file"),
                                 none_chosen=_("No file chosen yet."))
        return context


class MultipleFileInput(FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, at most `max_files`; cleans to a list (maybe empty).

    `too_many` is the message for more files than allowed, with %(n)s for the limit.
    """

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int, too_many: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_files = max_files
        self.too_many = too_many

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > self.max_files:
            raise ValidationError(self.too_many % {"n": self.max_files}, code="too_many")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class TrackForm(forms.Form):
    """The one "Lacak" box: a complaint code or a PPID registration number."""

    code = forms.CharField(
        label=_("Code or registration number"), max_length=40,
        help_text=_("It is in the message or proof of receipt we sent you, for example "
                    "ADU-2026-000123 for a complaint or PPID-2026-000045 for a request "
                    "for information."),
        error_messages={"required": _("Enter the code you received.")})

    def clean_code(self) -> str:
        return code_normalise(self.cleaned_data["code"])


class HoneypotForm(forms.Form):
    """A public form with a field people never see (hidden by CSS, skipped by Tab, named
    like something bots fill in): a form that comes back with it filled is refused."""

    website = forms.CharField(required=False, widget=forms.TextInput(attrs={
        "tabindex": "-1", "autocomplete": "off"}))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This form could not be sent."), code="honeypot")
        return ""


def form_errors_to_messages(request, form) -> None:
    """A small action form posted from a page that lists several: its errors become
    messages on the page the user returns to, each with the field's label."""
    for field, errors in form.errors.items():
        for message in errors:
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {message}" if label else message)


def apply_service_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form that sent the data: messages keyed by one
    of the form's fields go on that field (unless the form already refused it, whose
    message says more about what was typed), the rest go on top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.error_dict.items():
        name = field if field in form.fields else None
        if name is None or not form.has_error(name):
            form.add_error(name, ValidationError(errors).messages)
