"""The written parts of the annual report."""

from __future__ import annotations

from django.db import transaction

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
