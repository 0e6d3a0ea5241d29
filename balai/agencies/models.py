from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class Agency(BaseModel):
    """An OPD of this pemda, or an outside body that cases can be forwarded to."""

    class Level(models.TextChoices):
        DESA = "desa", _("Village (desa/kelurahan)")
        KECAMATAN = "kecamatan", _("District (kecamatan)")
        KOTA = "kota", _("City / regency (kota/kabupaten)")
        PROVINSI = "provinsi", _("Province")
        NASIONAL = "nasional", _("National")
        OTHER = "other", _("Other body")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.KOTA)
    is_external = models.BooleanField(
        _("outside body"), default=False,
        help_text=_("Not part of this pemda: cases are forwarded to it with a reference."),
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent"))
    area_code = models.CharField(
        _("area code"), max_length=20, blank=True,
        help_text=_("Kemendagri code of the area it serves (e.g. a kecamatan office)."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=30, blank=True)
    telegram_chat_id = models.CharField(_("Telegram chat id"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["is_external", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.short_name or self.name


class Membership(BaseModel):
    """A staff member's place in an agency, with the role they hold there."""

    class Role(models.TextChoices):
        OPERATOR = "operator", _("Operator (admin penghubung)")
        HEAD = "head", _("Head (kepala)")
        PPID_OFFICER = "ppid_officer", _("PPID officer")
        MEMBER = "member", _("Member")
        # Keeps the OPD's public pages: its service standards and publications (issue 18).
        PUBLICATION_OFFICER = "publication_officer", _("Publication officer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices,
                            default=Role.OPERATOR)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"],
                                    name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"
