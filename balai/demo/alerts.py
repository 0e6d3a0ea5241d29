"""Demo alert subscriptions (issue 20): five citizens who follow the demo city's public
complaints, each in another state of the story, dated relative to the day it is loaded.

- Siti follows her kelurahan (the demo's busiest of the last four weeks), new reports, as
  they happen: subscribed and confirmed 30 days ago; she was alerted to the reports
  made public there since.
- Budi follows "Jalan rusak" and its progress, in one daily digest: confirmed 20 days ago;
  his next digest is due at the next digest hour.
- Ani follows 500 m around Alun-alun Merdeka, reports and progress, as they happen:
  subscribed right after reporting, 10 days ago.
- Dewi asked to follow the DLH two hours ago and has not opened the confirmation link yet.
- Rudi followed the kecamatan Klojen for a month and left by the link 12 days ago.

Made through the alert services (so each is audited as the site would), with the clock of
the story; the alert items are those the worker would have filed since each confirmation,
marked sent as it would have sent them (digests at the digest hour). The demo's
confirmation and alert messages are never sent (its outbox rows are removed).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Count
from django.utils import timezone

from balai.agencies.models import Agency
from balai.alerts import services as alerts
from balai.alerts.models import AlertItem, Subscription, SweepCursor
from balai.complaints.models import Category, Complaint
from balai.core.models import AuditEntry
from balai.demo.history import happened_at
from balai.geo.models import Area
from balai.notifications.models import Outbox

ALUN_ALUN = (-7.9826, 112.6308)


def _subscribe(moment: datetime, *, confirm_after: timedelta | None = None,
               leave_at: datetime | None = None, **fields) -> Subscription:
    with happened_at(moment, Subscription):
        sub = alerts.subscription_create(now=moment, **fields)
    if confirm_after is not None:
        confirmed = moment + confirm_after
        with happened_at(confirmed):
            alerts.subscription_confirm(
                token=signing.dumps(sub.pk, salt=alerts.CONFIRM_SALT), now=confirmed)
        _file_items(Subscription.objects.get(pk=sub.pk), end=leave_at or timezone.now())
    if leave_at is not None:
        token = signing.dumps(sub.pk, salt=alerts.UNSUBSCRIBE_SALT)
        with happened_at(leave_at):
            alerts.subscription_unsubscribe(token=token, now=leave_at)
    return Subscription.objects.get(pk=sub.pk)


def _next_digest(after: datetime) -> datetime:
    """The first digest hour after `after`, as the worker's sweep would send it."""
    local = timezone.localtime(after)
    moment = timezone.make_aware(datetime.combine(local.date(),
                                                  time(settings.ALERT_DIGEST_HOUR)))
    return moment if moment > after else moment + timedelta(days=1)


def _file_items(sub: Subscription, *, end: datetime) -> int:
    """The items the worker would have filed and sent for `sub` from its confirmation to
    `end` (while it is active: `subscriptions_matching` follows active ones only)."""
    now = timezone.now()
    entries = (AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), public=True,
        created_at__gt=sub.confirmed_at, created_at__lte=end)
        .exclude(action__in=alerts.NOT_NEWS).order_by("id")
        .values_list("id", "object_id", "action", "created_at"))
    public = {str(c.pk): c for c in Complaint.objects.public()}
    items = []
    for audit_id, object_id, action, created_at in entries:
        complaint = public.get(object_id)
        if complaint is None or sub not in alerts.subscriptions_matching(
                complaint, news=action == alerts.NEW_REPORT):
            continue
        if sub.frequency == Subscription.Frequency.DAILY:
            sent = _next_digest(created_at)
            sent = sent if sent <= now else None  # waits for the next digest
        else:
            # Two minutes after the event, but never later than the load: an event of the
            # demo's last minutes (a case made public just now) was sent just now.
            sent = min(created_at + timedelta(minutes=2), now)
        items.append(AlertItem(subscription=sub, complaint=complaint, audit_id=audit_id,
                               action=action, sent_at=sent))
    AlertItem.objects.bulk_create(items, ignore_conflicts=True)
    return len(items)


def load_alerts() -> int:
    """The five subscriptions and their alerts; returns how many subscriptions were made."""
    if Subscription.objects.exists():
        return 0
    now = timezone.now()
    first_outbox = Outbox.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Siti's kelurahan: the one with the most public reports of the last four weeks.
    busiest = (Complaint.objects.public().filter(submitted_at__gte=now - timedelta(days=28))
               .exclude(kelurahan=None).order_by().values("kelurahan")
               .annotate(n=Count("id")).order_by("-n", "kelurahan").first())
    kelurahan = Area.objects.filter(pk=busiest["kelurahan"]).first() if busiest else None
    klojen = Area.objects.filter(level="kecamatan", name="Klojen").first()
    made = [
        _subscribe(now - timedelta(days=30, hours=2), confirm_after=timedelta(minutes=7),
                   channel="email", recipient="siti.rahayu@example.id",
                   area=kelurahan or Area.objects.filter(level="kelurahan").first()),
        _subscribe(now - timedelta(days=20, hours=5), confirm_after=timedelta(hours=1),
                   channel="email", recipient="budi.santoso@example.id",
                   category=Category.objects.get(code="jalan-rusak"),
                   events=Subscription.Events.ALL, frequency=Subscription.Frequency.DAILY),
        _subscribe(now - timedelta(days=10, hours=3), confirm_after=timedelta(minutes=4),
                   channel="email", recipient="ani.wijaya@example.id",
                   lat=ALUN_ALUN[0], lng=ALUN_ALUN[1], radius_m=500,
                   events=Subscription.Events.ALL),
        _subscribe(now - timedelta(hours=2), channel="email",
                   recipient="dewi.lestari@example.id",
                   agency=Agency.objects.get(code="dlh")),
        _subscribe(now - timedelta(days=42), confirm_after=timedelta(minutes=15),
                   leave_at=now - timedelta(days=12), channel="email",
                   recipient="rudi.hartono@example.id", area=klojen),
    ]
    # The digest as the worker keeps it: the next one after now, never in the past.
    Subscription.objects.filter(frequency=Subscription.Frequency.DAILY,
                                confirmed_at__isnull=False, unsubscribed_at__isnull=True
                                ).update(digest_on=timezone.localdate(_next_digest(now)))
    # The worker's alert sweep starts from now: the story's past is not sent again.
    SweepCursor.objects.update_or_create(name="alerts", defaults={"read_until": now})
    Outbox.objects.filter(pk__gt=first_outbox, template__startswith="peringatan").delete()
    return len(made)
