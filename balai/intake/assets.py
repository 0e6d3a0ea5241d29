"""A complaint filed by WhatsApp links, on its staff page, to the conversation it came from
(balai.core.assets, kind "whatsapp"): the transcript, for the complaint desk and the front
office only. Nothing refers to a conversation from outside: it cannot be attached."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balai.core.assets import Asset, AssetKind, register
from balai.intake.models import Conversation

KIND = "whatsapp"


def for_case(case) -> list[Asset]:
    return [Asset(ref=f"{KIND}:{c.pk}", heading=_("WhatsApp conversation"),
                  label=ngettext("Transcript, %(n)s message", "Transcript, %(n)s messages",
                                 c.n) % {"n": c.n},
                  staff_url=reverse("intake:conversation", args=[c.pk]),
                  front_office_only=True)
            for c in Conversation.objects.filter(complaint_id=case.pk)
            .annotate(n=Count("messages")).order_by("pk")]


def register_kind() -> None:
    register(AssetKind(kind=KIND, resolve=lambda code: None,
                       attach=lambda code, case, actor: None, for_case=for_case))
