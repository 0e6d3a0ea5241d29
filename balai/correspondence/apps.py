from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "balai.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence (persuratan)")

    def ready(self) -> None:
        from balai.core.tracking import Tracker, tracker_register
        from balai.correspondence import (
            actions,  # noqa: F401  (registers the action catalogue)
            tasks,  # noqa: F401  (registers the overdue-disposition sweep)
        )
        from balai.correspondence.models import IncomingLetter

        tracker_register(Tracker(
            prefix=IncomingLetter.CODE_PREFIX, url_name="correspondence:track_detail",
            exists=lambda code: IncomingLetter.objects.filter(code=code).exists()))
