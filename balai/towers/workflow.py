"""The siting request's workflow as one table (STYLE.md rule 7).

Sides: "officer" (the tower officers of Diskominfo, PETUGAS_MENARA). A request is decided
once, with a letter: "recommend" follows the rules unless the officer overrides them with
a reason (the service checks it), "refuse" likewise.
"""

from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.towers.errors import TowerTransitionError
from balai.towers.models import SitingRequest

S = SitingRequest.Status
OFFICER = "officer"

SITING_WORKFLOW = Workflow(SitingRequest, [
    _row("recommend", _("Recommend and issue the letter"), _("recommended"),
         {S.RECEIVED}, S.RECOMMENDED, {OFFICER}, "siting_request_decide"),
    _row("refuse", _("Refuse and issue the letter"), _("refused"),
         {S.RECEIVED}, S.REFUSED, {OFFICER}, "siting_request_decide", destructive=True),
], error=TowerTransitionError,
    refusal=_("This request is %(status)s, so it cannot be %(action)s."))
