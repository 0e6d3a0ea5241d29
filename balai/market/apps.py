from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "balai.market"
    label = "market"
    verbose_name = _("UMKM market")

    def ready(self) -> None:
        from balai.market import (
            actions,  # noqa: F401  (registers the action catalogue)
            tasks,  # noqa: F401  (registers the expiry sweep)
        )
