"""The monev checklists: which DIP entries fulfil each periodic (berkala) and at-any-time
(setiap saat) item, the stored day each periodic item goes out of date, and the sweep that
tells the PPID when it has. Each change audited in its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.ppid import notify
from balai.ppid.models import BerkalaItem, DipEntry, SetiapSaatItem
from balai.ppid.monev import berkala_stale_on


def berkala_refresh(items: Iterable[BerkalaItem]) -> None:
    """Store each item's last update (the latest change of a published DIP entry that
    fulfils it, as a local date) and the day it goes out of date (Pasal 9(3))."""
    for item in items:
        latest = item.dip_entries.filter(is_published=True).aggregate(
            at=Max("updated_at"))["at"]
        last = timezone.localdate(latest) if latest else None
        stale_on = berkala_stale_on(last)
        if (last, stale_on) != (item.last_updated_on, item.stale_on):
            item.last_updated_on, item.stale_on = last, stale_on
            item.save(update_fields=["last_updated_on", "stale_on", "updated_at"])


def berkala_refresh_for(entry: DipEntry) -> None:
    """A DIP entry was added or changed: the periodic items it fulfils are updated now."""
    berkala_refresh(entry.berkala_items.select_for_update())


@transaction.atomic
def berkala_item_link(*, item: BerkalaItem, entries: Iterable[DipEntry], actor) -> BerkalaItem:
    """Say which DIP entries fulfil a periodic item; its last update follows them."""
    item = BerkalaItem.objects.select_for_update().get(pk=item.pk)
    before = set(item.dip_entries.values_list("pk", flat=True))
    after = {e.pk for e in entries}
    item.dip_entries.set(after)
    berkala_refresh([item])
    log_action(item, "ppid.berkala_linked", actor=actor, data={
        "added": sorted(after - before), "removed": sorted(before - after),
        "last_updated_on": item.last_updated_on})
    return item


@transaction.atomic
def setiap_saat_item_update(*, item: SetiapSaatItem, entries: Iterable[DipEntry], url: str,
                            actor) -> SetiapSaatItem:
    """Mark where an at-any-time item (Pasal 11(1)) is available: DIP entries or a link."""
    item = SetiapSaatItem.objects.select_for_update().get(pk=item.pk)
    before = set(item.dip_entries.values_list("pk", flat=True))
    after = {e.pk for e in entries}
    item.dip_entries.set(after)
    old_url, item.url = item.url, url
    item.full_clean()
    item.save(update_fields=["url", "updated_at"])
    log_action(item, "ppid.setiap_saat_updated", actor=actor, data={
        "added": sorted(after - before), "removed": sorted(before - after),
        "url": {"from": old_url, "to": url} if old_url != url else None})
    return item


def _berkala_stale(item: BerkalaItem) -> None:
    log_action(item, "ppid.berkala_stale", data={"last_updated_on": item.last_updated_on,
                                                 "stale_on": item.stale_on})
    notify.berkala_stale(item)


def ppid_berkala_sweep(*, now: datetime | None = None) -> dict:
    """Tell the PPID utama once for each periodic item whose six months have passed, on the
    stored, indexed `stale_on`; an update sets a new day and earns a new warning."""
    today = timezone.localdate(now or timezone.now())
    due = (BerkalaItem.objects.filter(stale_on__lte=today)
           .exclude(stale_notified_for=F("stale_on")))
    return {"stale": claim_each(due, _berkala_stale, stale_notified_for=F("stale_on"))}
