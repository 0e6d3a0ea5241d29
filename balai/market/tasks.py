"""The market's periodic sweeps: live listings lapse after MARKET_LISTING_DAYS unless
renewed (selected on the stored, indexed `expires_on`); listings are re-badged on the day
their seller's licences may read differently (the stored, indexed `licences_change_on`)."""

from datetime import timedelta

from balai.core.periodic import periodic
from balai.market.services import listings_expire, listings_rebadge_due


@periodic(name="market.listings_expire", every=timedelta(hours=1))
def expire_listings():
    return listings_expire()


@periodic(name="market.listings_rebadge", every=timedelta(hours=6))
def rebadge_listings():
    return listings_rebadge_due()
