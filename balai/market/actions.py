"""Every audit action of the UMKM market, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("market", [
    Action("market.seller_registered", _("Seller registered")),
    Action("market.seller_updated", _("Seller's details changed")),
    Action("market.seller_verified", _("Seller verified")),
    Action("market.seller_trusted", _("Seller trusted: listings go live without review")),
    Action("market.seller_suspended", _("Seller suspended")),
    Action("market.seller_logged_in", _("Seller logged in with a one-time code")),
    Action("market.listing_created", _("Listing drafted")),
    Action("market.listing_updated", _("Listing changed")),
    Action("market.listing_submitted", _("Listing sent for review")),
    Action("market.listing_published", _("Listing live")),
    Action("market.listing_approved", _("Listing approved")),
    Action("market.listing_rejected", _("Listing sent back to the seller")),
    Action("market.listing_renewed", _("Listing renewed")),
    Action("market.listing_expired", _("Listing expired")),
    Action("market.listing_removed", _("Listing removed")),
    Action("market.listing_reported", _("Listing reported")),
    Action("market.listing_hidden", _("Listing hidden by a trusted report")),
    Action("market.listing_hidden_by_reports", _("Listing hidden after reports from "
                                                  "several people")),
    Action("market.report_resolved", _("Report resolved")),
])
