from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsOfficer(BasePermission):
    """Staff of the pemda only: a citizen's account gets 403 even with a token."""

    message = _("The REST API is for staff of the pemda only.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_officer)
