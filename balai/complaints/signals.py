"""Signal receivers of complaints: the stored alarm days follow the holiday table."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _holidays_changed(**_kwargs) -> None:
    """A holiday added, moved or removed shifts the working days of running clocks: queue
    one recomputation of the stored alarm days once the change is committed."""
    from balai.complaints.tasks import refresh_alarms

    transaction.on_commit(refresh_alarms.enqueue, robust=True)


def connect() -> None:
    """Called from ComplaintsConfig.ready(); dispatch_uid makes a second call harmless."""
    from balai.core.models import Holiday

    post_save.connect(_holidays_changed, sender=Holiday,
                      dispatch_uid="complaints.holiday.saved.alarms")
    post_delete.connect(_holidays_changed, sender=Holiday,
                        dispatch_uid="complaints.holiday.deleted.alarms")
