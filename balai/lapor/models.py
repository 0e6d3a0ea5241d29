"""SP4N-LAPOR! has no public API (reference/indonesia-rules.md §1.3): its operators move
cases by spreadsheet. A `LaporCase` ties one of our complaints to its LAPOR! tracking number,
either because LAPOR! disposed the report to us (it came in by import) or because our desk
forwarded the complaint through LAPOR! (exported, uploaded there, and its number came back)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class LaporCase(BaseModel):
    class Origin(models.TextChoices):
        DISPOSED = "disposed", _("Disposed to us by SP4N-LAPOR!")
        FORWARDED = "forwarded", _("Forwarded by us through SP4N-LAPOR!")

    tracking_id = models.CharField(_("LAPOR! tracking number"), max_length=40, unique=True)
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.PROTECT,
                                     related_name="lapor_case", verbose_name=_("complaint"))
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    reported_on = models.DateField(_("reported to LAPOR! on"), null=True, blank=True)
    lapor_status = models.CharField(_("status in LAPOR!"), max_length=80, blank=True)
    follow_up = models.TextField(_("latest follow-up in LAPOR!"), blank=True)

    class Meta:
        verbose_name = _("SP4N-LAPOR! case")
        verbose_name_plural = _("SP4N-LAPOR! cases")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.tracking_id} ↔ {self.complaint_id}"


class LaporImport(BaseModel):
    """One uploaded file of dispositions, with what it did (the import's receipt)."""

    filename = models.CharField(_("file"), max_length=255)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("imported by"))
    created = models.PositiveIntegerField(_("new complaints"), default=0)
    linked = models.PositiveIntegerField(_("linked to our forwards"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta:
        verbose_name = _("SP4N-LAPOR! import")
        verbose_name_plural = _("SP4N-LAPOR! imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
