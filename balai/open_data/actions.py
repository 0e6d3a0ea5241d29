"""Every audit action of the open data portal, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("open_data", [
    Action("open_data.dataset_saved", _("Dataset saved")),
    Action("open_data.resource_added", _("File added to a dataset")),
    Action("open_data.published", _("Dataset published")),
    Action("open_data.unpublished", _("Dataset taken off the portal")),
])
