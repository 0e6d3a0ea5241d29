from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.forms import BoundedDateField

MAX_PERIOD_DAYS = 366


class PeriodForm(forms.Form):
    """The period of the statistics page; the last 30 days unless chosen."""

    date_from = BoundedDateField(label=_("From"), required=False)
    date_to = BoundedDateField(label=_("Until"), required=False)

    def period(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to - timedelta(days=29)
        return date_from, date_to

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        elif start and end and (end - start).days > MAX_PERIOD_DAYS:
            self.add_error("date_from", _("Choose a period of at most one year."))
        return data
