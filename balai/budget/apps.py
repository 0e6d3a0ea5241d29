from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "balai.budget"
    label = "budget"
    verbose_name = _("Budget transparency")

    def ready(self) -> None:
        from balai.budget import actions  # noqa: F401  (registers the action catalogue)
