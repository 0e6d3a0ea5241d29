"""The monev checklists: which DIP entries fulfil each periodic (berkala) and at-any-time
(setiap saat) item, the stored day each periodic item goes out of date, and the sweep that
tells the PPID when it has. Each change audited in its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.agencies.selectors import ppid_main_agency_code
from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.ppid import notify
from balai.ppid.models import (
    Announcement,
    BerkalaItem,
    DipEntry,
    InformationClass,
    SetiapSaatItem,
)
from balai.ppid.monev import berkala_stale_on
from balai.ppid.workflow import ANNOUNCEMENT_WORKFLOW


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


@transaction.atomic
def announcement_create(*, title: str, body: str, actor) -> Announcement:
    """Draft a serta-merta announcement (UU 14/2008 Pasal 10)."""
    announcement = Announcement(title=title.strip(), body=body.strip())
    announcement.full_clean()
    announcement.save()
    log_action(announcement, "ppid.announcement_drafted", actor=actor,
               data={"title": announcement.title})
    return announcement


@transaction.atomic
def announcement_publish(*, announcement: Announcement, actor,
                         now: datetime | None = None) -> Announcement:
    """Publish a draft at once, with the time, and list it in the DIP's serta-merta class."""
    now = now or timezone.now()
    announcement = ANNOUNCEMENT_WORKFLOW.lock(announcement, "publish")
    announcement.dip_entry = DipEntry.objects.create(
        information_class=InformationClass.SERTA_MERTA, title=announcement.title,
        summary=announcement.body, agency=Agency.objects.get(code=ppid_main_agency_code()),
        made_when=formats.date_format(timezone.localtime(now), "j F Y H:i"),
        available_forms="Web", year=timezone.localdate(now).year,
        url=f"{settings.SITE_URL}{reverse('ppid:announcements')}#pengumuman-{announcement.pk}")
    announcement.status = Announcement.Status.PUBLISHED
    announcement.published_at, announcement.published_by = now, actor
    announcement.save(update_fields=["status", "published_at", "published_by", "dip_entry",
                                     "updated_at"])
    log_action(announcement, "ppid.announcement_published", actor=actor,
               data={"published_at": now.isoformat()})
    return announcement


@transaction.atomic
def announcement_withdraw(*, announcement: Announcement, reason: str, actor,
                          now: datetime | None = None) -> Announcement:
    """Withdraw a published announcement, with the reason; it leaves the public page and
    the DIP."""
    now = now or timezone.now()
    announcement = ANNOUNCEMENT_WORKFLOW.lock(announcement, "withdraw")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the announcement is withdrawn.")})
    announcement.status = Announcement.Status.WITHDRAWN
    announcement.withdrawn_at = now
    announcement.withdrawal_reason = reason.strip()
    announcement.save(update_fields=["status", "withdrawn_at", "withdrawal_reason",
                                     "updated_at"])
    if announcement.dip_entry_id:
        DipEntry.objects.filter(pk=announcement.dip_entry_id).update(is_published=False,
                                                                     updated_at=now)
    log_action(announcement, "ppid.announcement_withdrawn", actor=actor,
               data={"reason": announcement.withdrawal_reason})
    return announcement
