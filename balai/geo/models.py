from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class Area(BaseModel):
    """An administrative area by its Kemendagri code, with its boundary as GeoJSON."""

    class Level(models.TextChoices):
        PROVINSI = "provinsi", _("Province (provinsi)")
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")
        KECAMATAN = "kecamatan", _("District (kecamatan)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan)")
        DESA = "desa", _("Village (desa)")

    code = models.CharField(_("code"), max_length=20, unique=True,
                            help_text=_("Kemendagri region code, e.g. 35.73.02.1004."))
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children", verbose_name=_("parent"))
    parent_code = models.CharField(_("parent code"), max_length=20, blank=True)
    geometry = models.JSONField(_("geometry"), help_text=_("GeoJSON geometry in WGS84."))
    min_lng = models.FloatField(_("west bound"))
    min_lat = models.FloatField(_("south bound"))
    max_lng = models.FloatField(_("east bound"))
    max_lat = models.FloatField(_("north bound"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Road(BaseModel):
    """A road segment with its legal status and the agency that maintains it."""

    class Status(models.TextChoices):
        NASIONAL = "nasional", _("National road")
        PROVINSI = "provinsi", _("Provincial road")
        KABUPATEN = "kabupaten", _("Regency road")
        KOTA = "kota", _("City road")
        DESA = "desa", _("Village road")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              db_index=True)
    # By string only: geo sits below agencies in the layers and never imports it.
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("agency"))
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, blank=True,
        help_text=_("The decree that set the road's status, e.g. an SK number."),
    )
    is_made_up = models.BooleanField(
        _("made up"), default=False,
        help_text=_("Sample data for the demo or tests, not an official record."),
    )
    geometry = models.JSONField(_("geometry"),
                                help_text=_("GeoJSON LineString or MultiLineString in WGS84."))
    min_lng = models.FloatField(_("west bound"))
    min_lat = models.FloatField(_("south bound"))
    max_lng = models.FloatField(_("east bound"))
    max_lat = models.FloatField(_("north bound"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("road")
        verbose_name_plural = _("roads")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
