from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "balai.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        # drf-spectacular finds the token scheme through this import's registration.
        from balai.api import authentication  # noqa: F401, PLC0415
