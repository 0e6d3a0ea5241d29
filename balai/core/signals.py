"""Signal receivers of core: keep the working-day calendar in step with Holiday rows."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from balai.core.calendar import invalidate_work_calendar


def connect() -> None:
    """Called from CoreConfig.ready(); dispatch_uid makes a second call harmless."""
    from balai.core.models import Holiday

    post_save.connect(invalidate_work_calendar, sender=Holiday,
                      dispatch_uid="core.holiday.saved.calendar")
    post_delete.connect(invalidate_work_calendar, sender=Holiday,
                        dispatch_uid="core.holiday.deleted.calendar")


def on_holidays_changed(task, *, uid: str) -> None:
    """Queue `task` (a django-tasks task without arguments) once a holiday added, moved or
    removed is committed: the apps that store alarm days computed on the calendar refresh
    them (called from their AppConfig.ready(); `uid` makes a second call harmless)."""
    from balai.core.models import Holiday

    def changed(**_kwargs) -> None:
        transaction.on_commit(task.enqueue, robust=True)

    for signal, kind in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(changed, sender=Holiday, weak=False,
                       dispatch_uid=f"{uid}.holiday.{kind}")

