from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "balai.publications"
    label = "publications"
    verbose_name = _("Publikasi OPD")

    def ready(self) -> None:
        from balai.publications import actions, tasks  # noqa: F401  (catalogue, periodic job)
