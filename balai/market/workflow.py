"""A listing's life as one table (STYLE.md rule 7): draft → review → live → expired/removed.

Sides: "seller" (the listing's own seller, logged in with a one-time code), "trusted" (a
trusted seller: publishes without review), "moderator" (Diskominfo's KIM officers, and a
KIM's officers for their KIM's sellers) and "system" (the expiry sweep, a trusted report).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.market.models import Listing


class MarketTransitionError(ValidationError):
    pass


S = Listing.Status
SELLER, TRUSTED, MODERATOR, SYSTEM = "seller", "trusted", "moderator", "system"
ANY_BUT_REMOVED = {S.DRAFT, S.REVIEW, S.LIVE, S.EXPIRED}

WORKFLOW = Workflow(Listing, [
    _row("submit", _("Send for review"), _("sent for review"), {S.DRAFT}, S.REVIEW,
         {SELLER}, "listing_submit"),
    _row("publish", _("Publish"), _("published"), {S.DRAFT}, S.LIVE, {TRUSTED},
         "listing_submit"),
    _row("approve", _("Approve: it goes live"), _("approved"), {S.REVIEW}, S.LIVE,
         {MODERATOR}, "listing_approve"),
    _row("reject", _("Send back to the seller"), _("sent back"), {S.REVIEW}, S.DRAFT,
         {MODERATOR}, "listing_reject"),
    _row("edit", _("Change"), _("changed"), ANY_BUT_REMOVED, None, {SELLER},
         "listing_update"),
    _row("renew", _("Renew for another period"), _("renewed"), {S.LIVE, S.EXPIRED}, S.LIVE,
         {SELLER}, "listing_renew"),
    _row("hide", _("Hide until a moderator looks"), _("hidden"), {S.LIVE}, S.REVIEW,
         {SYSTEM}, "listing_report"),
    _row("expire", _("Expire"), _("expired"), {S.LIVE}, S.EXPIRED, {SYSTEM},
         "listings_expire"),
    _row("remove", _("Remove"), _("removed"), ANY_BUT_REMOVED, S.REMOVED,
         {SELLER, MODERATOR}, "listing_remove", destructive=True),
], error=MarketTransitionError,
    refusal=_("This listing is %(status)s, so it cannot be %(action)s."))
