from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "balai.ppid"
    label = "ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self) -> None:
        from balai.core.signals import on_holidays_changed
        from balai.core.tracking import Tracker, tracker_register
        from balai.ppid import (
            actions,  # noqa: F401  (registers the action catalogue)
            checks,  # noqa: F401  (registers the start-up checks)
            tasks,  # noqa: F401  (registers the deadline sweep)
        )
        from balai.ppid.models import InformationRequest
        from balai.ppid.tasks import refresh_alarms

        on_holidays_changed(refresh_alarms, uid="ppid.alarms")

        tracker_register(Tracker(
            prefix="PPID", url_name="ppid:track_detail",
            exists=lambda code: InformationRequest.objects.filter(code=code).exists()))
