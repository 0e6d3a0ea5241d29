"""The market's periodic sweep: live listings lapse after MARKET_LISTING_DAYS unless
renewed (selected on the stored, indexed `expires_on`)."""

from datetime import timedelta

from balai.core.periodic import periodic
from balai.market.services import listings_expire


@periodic(name="market.listings_expire", every=timedelta(hours=1))
def expire_listings():
    return listings_expire()
