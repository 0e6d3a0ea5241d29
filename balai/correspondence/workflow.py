"""Persuratan's workflows as tables (STYLE.md rule 7): an incoming letter's, a
disposition's and an outgoing draft's.

Sides: "addressee" (the official the letter is addressed to), "recipient" (whoever
received the disposition), "author" (who wrote the draft), "reviewer" (the reviewer whose
turn it is), "signer" (the named signing official). `CorrespondenceScope` says which
sides a user is on for a given letter.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.correspondence.errors import CorrespondenceTransitionError
from balai.correspondence.models import Disposition, IncomingLetter, OutgoingLetter

L = IncomingLetter.Status
D = Disposition.Status
O = OutgoingLetter.Status  # noqa: E741
ADDRESSEE, RECIPIENT = "addressee", "recipient"
AUTHOR, REVIEWER, SIGNER = "author", "reviewer", "signer"

LETTER_WORKFLOW = Workflow(IncomingLetter, [
    _row("dispose", _("Dispose"), _("disposed"),
         {L.REGISTERED, L.DISPOSED}, L.DISPOSED, {ADDRESSEE}, "letter_dispose"),
    _row("close", _("Close the letter (filed)"), _("closed"),
         {L.REGISTERED, L.DISPOSED}, L.CLOSED, {ADDRESSEE}, "letter_close",
         destructive=True),
], error=CorrespondenceTransitionError,
    refusal=_("This letter is %(status)s, so it cannot be %(action)s."))

DISPOSITION_WORKFLOW = Workflow(Disposition, [
    _row("forward", _("Dispose further down"), _("disposed further"),
         {D.OPEN, D.FORWARDED}, D.FORWARDED, {RECIPIENT}, "disposition_forward"),
    _row("answer", pgettext_lazy("disposition", "Answer"), _("answered"),
         {D.OPEN, D.FORWARDED}, D.ANSWERED, {RECIPIENT}, "disposition_answer"),
    _row("close", _("Close"), _("closed"),
         {D.OPEN, D.FORWARDED}, D.CLOSED, {RECIPIENT}, "disposition_close",
         destructive=True),
], error=CorrespondenceTransitionError,
    refusal=_("This disposition is %(status)s, so it cannot be %(action)s."))

DRAFT_WORKFLOW = Workflow(OutgoingLetter, [
    _row("revise", _("Save a new version"), _("revised"),
         {O.DRAFT, O.RETURNED}, None, {AUTHOR}, "outgoing_revise"),
    _row("submit", _("Send for review"), _("sent for review"),
         {O.DRAFT, O.RETURNED}, O.IN_REVIEW, {AUTHOR}, "outgoing_submit"),
    _row("approve", _("Approve (paraf)"), _("approved"),
         {O.IN_REVIEW}, None, {REVIEWER}, "outgoing_approve"),
    _row("return", _("Return with notes"), _("returned"),
         {O.IN_REVIEW, O.APPROVED}, O.RETURNED, {REVIEWER, SIGNER}, "outgoing_return"),
    _row("sign", _("Sign and number"), _("signed"),
         {O.APPROVED}, O.SIGNING, {SIGNER}, "outgoing_sign"),
    _row("distribute", _("Send the signed letter"), _("sent"),
         {O.SIGNED, O.SENT}, O.SENT, {AUTHOR, SIGNER}, "outgoing_distribute"),
], error=CorrespondenceTransitionError,
    refusal=_("This draft is %(status)s, so it cannot be %(action)s."))
