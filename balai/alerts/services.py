"""Alert subscriptions and their delivery through the notifications outbox.

Only public complaints are ever mentioned (verified, not rahasia, not archived: the
complaints' own `public()` selection, read again when a message is built), and only what
their public page shows: code, title, category, kelurahan, status and the public link —
never a reporter's name or contact, anonim or not (UU 27/2022).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.alerts.models import AlertItem, Subscription, SweepCursor
from balai.complaints.models import Complaint
from balai.core.actions import action_label
from balai.core.audit import log_action
from balai.core.models import AuditEntry
from balai.notifications.services import notification_enqueue, notification_recipient_clean

CONFIRM_SALT, UNSUBSCRIBE_SALT = "alerts.confirm", "alerts.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=7)
RADII_M = (250, 500, 1000, 2000)
# A late commit can carry an audit entry older than the cursor: read back this far too
# (items are unique per subscription and entry, so reading twice adds nothing).
READ_BACK = timedelta(minutes=15)
# Public steps of a complaint that are not news to followers: the report itself is
# announced when the desk verifies it (before that it is not public).
NOT_NEWS = {"complaints.submitted"}
NEW_REPORT = "complaints.verified"
MAX_PER_RECIPIENT_PER_DAY = 5  # sign-ups for one contact: the form cannot flood anyone


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_link(sub: Subscription) -> str:
    token = signing.dumps(sub.pk, salt=CONFIRM_SALT)
    return _site(reverse("alerts:confirm", args=[token]))


def unsubscribe_link(sub: Subscription) -> str:
    token = signing.dumps(sub.pk, salt=UNSUBSCRIBE_SALT)
    return _site(reverse("alerts:unsubscribe", args=[token]))


def whatsapp_available() -> bool:
    return bool(settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)


def bounding_box(lat: float, lng: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) around the point, a little larger than the
    circle (metres to degrees at the point's latitude)."""
    dlat = radius_m / 111_320 * 1.01
    dlng = radius_m / (111_320 * max(math.cos(math.radians(lat)), 0.01)) * 1.01
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    r = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(a))


def describe(sub: Subscription) -> str:
    """What the subscription follows, in words (messages, the confirmation page)."""
    parts = []
    if sub.area_id:
        parts.append(f"{sub.area.get_level_display()} {sub.area.name}")
    if sub.radius_m:
        parts.append(_("within %(m)s m of the chosen point") % {"m": sub.radius_m})
    if sub.category_id:
        parts.append(_("category %(name)s") % {"name": sub.category.name})
    if sub.agency_id:
        parts.append(_("handled by %(agency)s") % {"agency": sub.agency})
    return ", ".join(parts)


# --- subscriptions ----------------------------------------------------------------------

@transaction.atomic
def subscription_create(*, channel: str, recipient: str, events: str = Subscription.Events.NEW,
                        frequency: str = Subscription.Frequency.IMMEDIATE, area=None,
                        category=None, agency=None, lat: float | None = None,
                        lng: float | None = None, radius_m: int | None = None,
                        now: datetime | None = None) -> Subscription:
    """Ask for alerts: stored unconfirmed, and the confirmation link sent to the contact.
    The same contact asking again for the same thing gets the link again, not a copy."""
    now = now or timezone.now()
    errors: dict[str, list] = {}
    if channel == Subscription.Channel.WHATSAPP and not whatsapp_available():
        errors["channel"] = [_("WhatsApp alerts are not available here; choose e-mail.")]
    elif channel not in Subscription.Channel.values:
        errors["channel"] = [_("Choose e-mail or WhatsApp.")]
    else:
        try:
            recipient = notification_recipient_clean(channel=channel, recipient=recipient)
            recipient = recipient.lower() if channel == "email" else recipient
        except ValidationError as exc:
            errors["recipient"] = exc.messages
    if radius_m is not None and (lat is None or lng is None):
        errors["radius_m"] = [_("Put the pin on the map for the centre of the radius.")]
    elif radius_m is not None and radius_m not in RADII_M:
        errors["radius_m"] = [_("Choose one of the radii offered.")]
    if area is not None and area.level not in {"kelurahan", "desa", "kecamatan"}:
        errors["area"] = [_("Choose a kelurahan or a kecamatan.")]
    if area is None and category is None and agency is None and radius_m is None:
        errors["area"] = [_("Choose an area, a radius on the map, a category or an agency "
                            "to follow.")]
    if events not in Subscription.Events.values:
        errors["events"] = [_("Choose what you want to receive.")]
    if frequency not in Subscription.Frequency.values:
        errors["frequency"] = [_("Choose how often you want to receive it.")]
    if errors:
        raise ValidationError(errors)
    same = Subscription.objects.filter(
        channel=channel, recipient=recipient, events=events, frequency=frequency, area=area,
        category=category, agency=agency, lat=lat if radius_m else None,
        lng=lng if radius_m else None, radius_m=radius_m, unsubscribed_at__isnull=True).first()
    if same is not None and same.confirmed_at:
        return same
    recent = Subscription.objects.filter(recipient=recipient,
                                         created_at__gte=now - timedelta(days=1)).count()
    if same is None and recent >= MAX_PER_RECIPIENT_PER_DAY:
        raise ValidationError({"recipient": [_("This contact asked for too many alerts "
                                                "today. Try again tomorrow.")]})
    sub = same or Subscription(channel=channel, recipient=recipient, events=events,
                               frequency=frequency, area=area, category=category,
                               agency=agency)
    if radius_m and same is None:
        sub.lat, sub.lng, sub.radius_m = lat, lng, radius_m
        sub.min_lat, sub.max_lat, sub.min_lng, sub.max_lng = bounding_box(lat, lng, radius_m)
    if same is None:
        sub.save()
        log_action(sub, "alerts.subscribed", data={"channel": channel, "what": describe(sub)})
    with override(settings.LANGUAGE_CODE):
        notification_enqueue(
            channel=channel, recipient=recipient, template="peringatan_konfirmasi",
            context={"what": describe(sub), "link": confirm_link(sub),
                     "events": sub.get_events_display(),
                     "frequency": sub.get_frequency_display()},
            related=sub,
            dedupe_key=f"alert-confirm:{sub.pk}:{timezone.localdate(now):%Y%m%d}")
    return sub


def _by_token(token: str, salt: str, max_age=None) -> Subscription:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired. Ask for the alert again."),
                              code="expired") from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid."), code="invalid") from None
    sub = Subscription.objects.select_for_update().filter(pk=pk).first()
    if sub is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    return sub


@transaction.atomic
def subscription_confirm(*, token: str, now: datetime | None = None) -> Subscription:
    """The contact's owner opened the confirmation link: alerts start."""
    now = now or timezone.now()
    sub = _by_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if sub.unsubscribed_at is None and sub.confirmed_at is None:
        sub.confirmed_at = now
        if sub.frequency == Subscription.Frequency.DAILY:
            sub.digest_on = timezone.localdate(now) + timedelta(days=1)
        sub.save(update_fields=["confirmed_at", "digest_on", "updated_at"])
        log_action(sub, "alerts.confirmed")
    return sub


@transaction.atomic
def subscription_unsubscribe(*, token: str, now: datetime | None = None) -> Subscription:
    """One link in every message ends the subscription; opening it twice is harmless."""
    sub = _by_token(token, UNSUBSCRIBE_SALT)
    if sub.unsubscribed_at is None:
        sub.unsubscribed_at = now or timezone.now()
        sub.digest_on = None
        sub.save(update_fields=["unsubscribed_at", "digest_on", "updated_at"])
        log_action(sub, "alerts.unsubscribed")
    return sub


# --- matching ---------------------------------------------------------------------------

def subscriptions_matching(complaint: Complaint, *, news: bool):
    """The active subscriptions that follow `complaint` (`news`: it was just made public,
    which both kinds hear; otherwise a later step, heard by "all" only)."""
    qs = Subscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    if not news:
        qs = qs.filter(events=Subscription.Events.ALL)
    areas = [pk for pk in (complaint.kelurahan_id, complaint.kecamatan_id) if pk]
    qs = qs.filter(Q(area__isnull=True) | Q(area_id__in=areas))
    qs = qs.filter(Q(category__isnull=True) | Q(category_id=complaint.category_id))
    qs = qs.filter(Q(agency__isnull=True) | Q(agency_id=complaint.agency_id))
    qs = qs.filter(Q(radius_m__isnull=True) | Q(
        min_lat__lte=complaint.lat, max_lat__gte=complaint.lat,
        min_lng__lte=complaint.lng, max_lng__gte=complaint.lng))
    return [s for s in qs if s.radius_m is None
            or distance_m(s.lat, s.lng, complaint.lat, complaint.lng) <= s.radius_m]


def alerts_collect(*, now: datetime | None = None) -> int:
    """Read the public complaint steps recorded since the last run and file an item for
    each subscription that follows the case; returns how many items were filed."""
    now = now or timezone.now()
    cursor, _created = SweepCursor.objects.get_or_create(
        name="alerts", defaults={"read_until": now - timedelta(hours=1)})
    complaint_type = ContentType.objects.get_for_model(Complaint)
    entries = list(AuditEntry.objects.filter(
        content_type=complaint_type, public=True, created_at__gt=cursor.read_until - READ_BACK,
        created_at__lte=now).exclude(action__in=NOT_NEWS).order_by("id")
        .values_list("id", "object_id", "action"))
    public = {str(c.pk): c for c in Complaint.objects.public().filter(
        pk__in={int(oid) for _id, oid, _a in entries})}
    items = []
    for audit_id, object_id, action in entries:
        complaint = public.get(object_id)
        if complaint is None:  # rahasia, archived or not verified: never an alert
            continue
        for sub in subscriptions_matching(complaint, news=action == NEW_REPORT):
            items.append(AlertItem(subscription=sub, complaint=complaint, audit_id=audit_id,
                                   action=action))
    before = AlertItem.objects.count() if items else 0
    AlertItem.objects.bulk_create(items, ignore_conflicts=True)
    SweepCursor.objects.filter(pk=cursor.pk).update(read_until=max(cursor.read_until, now))
    return AlertItem.objects.count() - before if items else 0


# --- delivery ---------------------------------------------------------------------------

def _item_context(complaint: Complaint, action: str) -> dict:
    return {"code": complaint.code, "title": complaint.title,
            "category": complaint.category.name,
            "place": complaint.kelurahan.name if complaint.kelurahan_id else "",
            "event": str(action_label(action)), "status": complaint.get_status_display(),
            "link": _site(reverse("complaints:track_detail", args=[complaint.code]))}


def _send(sub: Subscription, now: datetime, *, digest: bool) -> int:
    """Send the subscription's pending items in one message; returns how many were in it.
    Call inside a transaction holding the subscription's row lock."""
    pending = list(sub.items.filter(sent_at__isnull=True).order_by("audit_id"))
    if not pending:
        return 0
    still_public = set(Complaint.objects.public().filter(
        pk__in={i.complaint_id for i in pending}).values_list("pk", flat=True))
    shown = [i for i in pending if i.complaint_id in still_public]
    complaints = {c.pk: c for c in Complaint.objects.filter(pk__in=still_public)
                  .select_related("category", "kelurahan")
                  .defer("kelurahan__geometry")}
    outbox = None
    if shown:
        with override(settings.LANGUAGE_CODE):
            outbox = notification_enqueue(
                channel=sub.channel, recipient=sub.recipient, template="peringatan",
                context={"what": describe(sub), "digest": digest,
                         "items": [_item_context(complaints[i.complaint_id], i.action)
                                   for i in shown],
                         "unsubscribe": unsubscribe_link(sub)},
                related=sub, dedupe_key=f"alert:{sub.pk}:{pending[-1].audit_id}")
    # Items of a case no longer public are dropped unsent, never shown later.
    AlertItem.objects.filter(pk__in=[i.pk for i in pending]).update(sent_at=now,
                                                                    outbox=outbox)
    return len(shown)


def alerts_deliver(*, now: datetime | None = None) -> dict:
    """Send the immediate subscriptions' new items, at most ALERT_MAX_PER_HOUR messages an
    hour each (the rest waits for the next daily digest), and the digests that are due."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"sent": 0, "deferred": 0, "digests": 0}
    hour_ago = now - timedelta(hours=1)
    waiting = (Subscription.objects.filter(
        frequency=Subscription.Frequency.IMMEDIATE, confirmed_at__isnull=False,
        unsubscribed_at__isnull=True, digest_on__isnull=True,
        items__sent_at__isnull=True).distinct().values_list("pk", flat=True))
    for pk in list(waiting):
        with transaction.atomic():
            sub = Subscription.objects.select_for_update().get(pk=pk)
            if not sub.is_active or sub.digest_on is not None:
                continue
            sent_last_hour = (sub.items.filter(sent_at__gte=hour_ago, outbox__isnull=False)
                              .aggregate(n=Count("outbox", distinct=True))["n"])
            if sent_last_hour >= settings.ALERT_MAX_PER_HOUR:
                sub.digest_on = today + timedelta(days=1)
                sub.save(update_fields=["digest_on", "updated_at"])
                counts["deferred"] += 1
                continue
            counts["sent"] += bool(_send(sub, now, digest=False))
    if timezone.localtime(now).hour >= settings.ALERT_DIGEST_HOUR:
        due = Subscription.objects.filter(digest_on__lte=today, unsubscribed_at__isnull=True)
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                sub = Subscription.objects.select_for_update().get(pk=pk)
                if sub.digest_on is None or sub.digest_on > today:
                    continue  # another worker sent it
                sub.digest_on = (today + timedelta(days=1)
                                 if sub.frequency == Subscription.Frequency.DAILY else None)
                sub.save(update_fields=["digest_on", "updated_at"])
                counts["digests"] += bool(_send(sub, now, digest=True))
    return counts


def alerts_sweep(*, now: datetime | None = None) -> dict:
    """The periodic job: collect, then deliver."""
    now = now or timezone.now()
    return {"collected": alerts_collect(now=now), **alerts_deliver(now=now)}
