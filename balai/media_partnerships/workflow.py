"""The verification case's workflow as a table (STYLE.md rule 7).

Sides: "team" (the verification team and the media officer), "outlet" (whoever holds the
outlet's private link), "system" (never offered on a page). Services lock with
`WORKFLOW.lock(application, action)`; pages offer and label actions from the table.
"""

from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.media_partnerships.errors import MediaTransitionError
from balai.media_partnerships.models import Application

S = Application.Status
TEAM, OUTLET = "team", "outlet"
OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW, S.CORRECTION})

WORKFLOW = Workflow(Application, [
    _row("review", _("Start the verification"), _("taken into review"),
         {S.SUBMITTED}, S.IN_REVIEW, {TEAM}, "application_review"),
    _row("score", _("Score a checklist item"), _("scored"),
         {S.IN_REVIEW}, None, {TEAM}, "application_item_score"),
    _row("return", _("Return to the outlet for correction"), _("returned"),
         {S.IN_REVIEW}, S.CORRECTION, {TEAM}, "application_return"),
    _row("resubmit", _("Submit the corrections"), _("resubmitted"),
         {S.CORRECTION}, S.SUBMITTED, {OUTLET}, "application_resubmit"),
    _row("verify", _("Verify, with a tier, and issue the decision letter"), _("verified"),
         {S.IN_REVIEW}, S.VERIFIED, {TEAM}, "application_decide"),
    _row("refuse", _("Refuse, with the reasons, and issue the decision letter"),
         _("refused"), {S.IN_REVIEW}, S.REFUSED, {TEAM}, "application_decide",
         destructive=True),
], error=MediaTransitionError,
    refusal=_("This application is %(status)s, so it cannot be %(action)s."))
