from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "balai.complaints"
    label = "complaints"
    verbose_name = _("Complaints (pengaduan)")

    def ready(self) -> None:
        from balai.complaints import actions  # noqa: F401 (registers the action catalogue)
        from balai.complaints.models import Complaint
        from balai.complaints.tasks import refresh_alarms
        from balai.core.signals import on_holidays_changed
        from balai.core.tracking import Tracker, tracker_register

        on_holidays_changed(refresh_alarms, uid="complaints.alarms")
        tracker_register(Tracker(
            prefix="ADU", url_name="complaints:track_detail",
            exists=lambda code: Complaint.objects.filter(code=code).exists()))
