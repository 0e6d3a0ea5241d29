"""What django-axes counts failed log-ins against: the account as log-in finds it."""

from __future__ import annotations

from django.conf import settings


def lockout_username(request, credentials: dict | None = None) -> str:
    """The e-mail address lower-cased and trimmed, as `User.objects.get_by_natural_key`
    matches it (case-insensitively): `Operator.DLH@Demo.balai.id` and
    `operator.dlh@demo.balai.id` are one account, so every spelling counts against one
    lockout (issue 23)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field) or credentials.get("username") or ""
    else:
        value = request.POST.get(field, "") if request is not None else ""
    return str(value).strip().lower()
