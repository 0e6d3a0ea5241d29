from django.core.exceptions import ValidationError


class TowerTransitionError(ValidationError):
    """An action that a siting request's (or a finding's) current state does not allow."""
