"""Every audit action of the OPD publications and their score, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("publications", [
    Action("publications.created", _("Publikasi ditulis")),
    Action("publications.updated", _("Publikasi diubah")),
    Action("publications.corrected", _("Publikasi dikoreksi"), public=True),
    Action("publications.unpublished", _("Publikasi ditarik")),
    Action("publications.reviewed", _("Butir skor publikasi dinilai")),
    Action("publications.scored", _("Skor publikasi bulanan dihitung")),
])
