from django.core.exceptions import ValidationError


class PpidTransitionError(ValidationError):
    """An action that the request's (or objection's) current state does not allow."""
