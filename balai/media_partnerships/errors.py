from django.core.exceptions import ValidationError


class MediaTransitionError(ValidationError):
    """An action that the application's (or order's) current state does not allow."""
