from django.core.exceptions import ValidationError


class ComplaintTransitionError(ValidationError):
    """An action that the complaint's current state does not allow."""
