from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityGroupsConfig(AppConfig):
    name = "balai.community_groups"
    label = "community_groups"
    verbose_name = _("Community information groups (KIM)")

    def ready(self) -> None:
        from balai.community_groups import actions  # noqa: F401  (registers the catalogue)
