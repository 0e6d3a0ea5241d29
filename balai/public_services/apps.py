from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "balai.public_services"
    label = "public_services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from balai.public_services import actions  # noqa: F401  (registers the catalogue)
        from balai.public_services.assets import register_kind

        register_kind()
