"""The written parts of the annual report."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.ppid.models import AnnualReportText


@transaction.atomic
def annual_report_text_save(*, year: int, general_policy: str, obstacles: str,
                            recommendations: str, actor) -> AnnualReportText:
    """Save the written parts of a year's annual report (Perki 1/2021); audited."""
    text, _created = AnnualReportText.objects.select_for_update().get_or_create(year=year)
    values = {"general_policy": general_policy.strip(), "obstacles": obstacles.strip(),
              "recommendations": recommendations.strip()}
    changed = [k for k, v in values.items() if getattr(text, k) != v]
    if not changed:
        return text
    for key, value in values.items():
        setattr(text, key, value)
    text.updated_by = actor
    text.save(update_fields=[*changed, "updated_by", "updated_at"])
    log_action(text, "ppid.annual_report_text_saved", actor=actor,
               data={"year": year, "changed": changed})
    return text


@transaction.atomic
def annual_report_publish(*, year: int, actor, now: datetime | None = None
                          ) -> AnnualReportText:
    """Publish a finished year's annual report on the public page (UU 14/2008 Pasal 12; due
    within three months of the year's end, i.e. by 31 March). Its figures are counted from
    the registers whenever it is read, so corrections reach the published report."""
    now = now or timezone.now()
    if year >= timezone.localdate(now).year:
        raise ValidationError(_("A year's report is published once the year has ended."))
    text, _created = AnnualReportText.objects.select_for_update().get_or_create(year=year)
    if text.published_at is not None:
        return text
    text.published_at, text.published_by = now, actor
    text.save(update_fields=["published_at", "published_by", "updated_at"])
    log_action(text, "ppid.annual_report_published", actor=actor, data={"year": year})
    return text
