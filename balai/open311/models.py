"""Open311 clients and what they sent with each complaint (the complaint itself lives in
complaints; this app only adds what GeoReport v2 carries on top of it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel, HashedKeyModel


class ApiClient(HashedKeyModel):
    """An app or system allowed to POST requests; its key is stored only as a hash."""

    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("contact"), max_length=200, blank=True,
                               help_text=_("Who to call about this client (not published)."))
    requests_per_hour = models.PositiveIntegerField(_("requests per hour"), default=120)
    partner = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("partner installation"),
        help_text=_("An outside body whose own balai (or other Open311 server) forwards cases "
                    "here with this key: its requests arrive on the channel 'forwarded', "
                    "naming it."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 API client")
        verbose_name_plural = _("Open311 API clients")


class Open311Submission(BaseModel):
    """How a complaint arrived through Open311: client, its ids, the media_url it gave."""

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE,
                                     related_name="open311_submission")
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="submissions",
                               verbose_name=_("client"))
    device_id = models.CharField(max_length=200, blank=True)
    account_id = models.CharField(max_length=200, blank=True)
    media_url = models.URLField(max_length=1000, blank=True)
    address_string = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")


class ServiceAttribute(BaseModel):
    """A question a category asks Open311 clients (GeoReport v2 service definition)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLEVALUELIST = "singlevaluelist", _("One choice from a list")
        MULTIVALUELIST = "multivaluelist", _("Several choices from a list")

    category = models.ForeignKey("complaints.Category", on_delete=models.CASCADE,
                                 related_name="open311_attributes",
                                 verbose_name=_("category"))
    code = models.SlugField(_("code"), max_length=50)
    variable = models.BooleanField(
        _("asks for an answer"), default=True,
        help_text=_("Off: the description is only shown to the citizen, nothing is asked."))
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices,
                                default=Datatype.STRING)
    required = models.BooleanField(_("required"), default=False)
    datatype_description = models.CharField(_("format hint"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    description = models.TextField(_("question"))

    class Meta:
        ordering = ["category", "order"]
        verbose_name = _("Open311 service attribute")
        verbose_name_plural = _("Open311 service attributes")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="open311_attr_code"),
            models.UniqueConstraint(fields=["category", "order"], name="open311_attr_order"),
            models.CheckConstraint(condition=models.Q(order__gte=1),
                                   name="open311_attr_order_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.category.code}: {self.code}"

    @property
    def is_list(self) -> bool:
        return self.datatype in {self.Datatype.SINGLEVALUELIST, self.Datatype.MULTIVALUELIST}


class ServiceAttributeValue(BaseModel):
    """One allowed answer of a single- or multi-value list."""

    attribute = models.ForeignKey(ServiceAttribute, on_delete=models.CASCADE,
                                  related_name="values")
    key = models.CharField(_("key"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["attribute", "key"],
                                               name="open311_attr_value_key")]

    def __str__(self) -> str:
        return self.name


class AttributeAnswer(BaseModel):
    """A client's answer to one attribute, kept with the submission it came with."""

    submission = models.ForeignKey(Open311Submission, on_delete=models.CASCADE,
                                   related_name="answers")
    attribute = models.ForeignKey(ServiceAttribute, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    code = models.CharField(max_length=50)  # kept if the attribute is later deleted
    values = models.JSONField(default=list)

    class Meta:
        ordering = ["id"]


class PartnerUpdate(BaseModel):
    """An update a partner installation POSTed to servicerequestupdates about a request it
    created here (its citizen's rating, "sudah beres?" answer or note), kept once by the
    partner's own `update_id`: a retry after a timeout finds it and changes nothing."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT,
                               related_name="partner_updates")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE,
                                  related_name="partner_updates")
    update_id = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=40, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    fixed = models.BooleanField(null=True, blank=True)
    updated_datetime = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["client", "update_id"],
                                               name="open311_partner_update_once")]
