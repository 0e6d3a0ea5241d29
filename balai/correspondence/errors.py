from django.core.exceptions import ValidationError


class CorrespondenceTransitionError(ValidationError):
    """An action that a letter's, disposition's or draft's current state does not allow."""
