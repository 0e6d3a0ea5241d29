"""Signal receivers of core: keep the working-day calendar in step with Holiday rows."""

from django.db.models.signals import post_delete, post_save

from balai.core.calendar import invalidate_work_calendar


def connect() -> None:
    """Called from CoreConfig.ready(); dispatch_uid makes a second call harmless."""
    from balai.core.models import Holiday

    post_save.connect(invalidate_work_calendar, sender=Holiday,
                      dispatch_uid="core.holiday.saved.calendar")
    post_delete.connect(invalidate_work_calendar, sender=Holiday,
                        dispatch_uid="core.holiday.deleted.calendar")
