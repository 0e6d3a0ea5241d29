"""The audit trail: every state change writes one AuditEntry in its own transaction."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from balai.core.actions import action_for
from balai.core.models import AuditEntry


def log_action(
    obj: models.Model,
    action: str,
    *,
    actor: Any = None,
    data: dict[str, Any] | None = None,
    public: bool | None = None,
) -> AuditEntry:
    """Record `action` (a dotted code such as "complaints.forwarded") on `obj`.

    Must run inside the transaction of the change it records, so that the change and
    its trail commit or roll back together. Whether the entry shows on the public
    timeline comes from the app's action catalogue (core.actions); `public` is only for
    codes no catalogue declares, and may not contradict one that does.
    """
    entry = action_for(action)
    if entry is not None:
        if public is not None and public != entry.public:
            raise ValueError(f"{action!r} is catalogued public={entry.public}")
        public = entry.public
    if "." not in action:
        raise ValueError(f"Audit action codes are dotted (app.verb), got {action!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action() must run inside the transaction of the change")
    payload = DjangoJSONEncoder().encode(data or {})
    user = actor if getattr(actor, "pk", None) and not getattr(actor, "is_anonymous", False) \
        else None
    label = str(actor) if actor is not None else "system"
    return AuditEntry.objects.create(
        action=action,
        actor=user,
        actor_label=label[:200],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        data=json.loads(payload),
        public=bool(public),
    )


def audit_trail(obj: models.Model, *, public_only: bool = False):
    """The entries recorded for `obj`, oldest first."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")
    return entries.filter(public=True) if public_only else entries
