from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "balai.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Registers the delivery task and the outbox sweep with the worker.
        from balai.notifications import tasks  # noqa: F401, PLC0415
