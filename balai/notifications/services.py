"""Notification services: queue a message, deliver it, retry it, sweep the outbox."""

from __future__ import annotations

import hashlib
import logging
import random
import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.notifications.models import Attachment, Outbox
from balai.notifications.transports import TransportError, normalize_phone, transport_for

logger = logging.getLogger("balai.notifications")

TELEGRAM_CHAT = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")
# E.164 allows 15 digits; Indonesian mobile numbers are 628 followed by 8–12 digits.
PHONE_DIGITS = re.compile(r"^[1-9]\d{7,14}$")
TEMPLATE_KEY = re.compile(r"^[a-z0-9_]+$")
# Chat and SMS messages are plain text; only these carry the HTML part.
HTML_CHANNELS = (Outbox.Channel.EMAIL, Outbox.Channel.WEBHOOK)
SWEEP_BATCH = 200


# --- rules without the database ------------------------------------------------------

def retry_delay(*, attempt: int, jitter: float) -> timedelta:
    """Backoff before retry number `attempt` (1 min, 2, 4, 8, … capped), `jitter` in [0, 1)."""
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS
    cap = settings.NOTIFICATION_RETRY_MAX_SECONDS
    seconds = min(base * 2 ** max(attempt - 1, 0), cap)
    # Up to +20 % so that messages failed together by an outage do not retry in lockstep.
    return timedelta(seconds=seconds * (1 + 0.2 * jitter))


def notification_recipient_clean(*, channel: str, recipient: str) -> str:
    """The recipient in the form its channel expects, or a ValidationError saying why not."""
    recipient = (recipient or "").strip()
    if not recipient:
        raise ValidationError(_("Enter a recipient for the message."), code="required")
    if channel == Outbox.Channel.EMAIL:
        try:
            validate_email(recipient)
        except ValidationError:
            raise ValidationError(
                _("Enter a valid e-mail address, for example nama@contoh.go.id."),
                code="invalid_email") from None
        return recipient
    if channel in (Outbox.Channel.WHATSAPP, Outbox.Channel.SMS):
        phone = normalize_phone(recipient)
        if not PHONE_DIGITS.match(phone) or (phone.startswith("62") and len(phone) < 10):
            raise ValidationError(
                _("Enter a valid mobile number, for example 081234567890 or +6281234567890."),
                code="invalid_phone")
        return phone
    if channel == Outbox.Channel.TELEGRAM:
        if not TELEGRAM_CHAT.match(recipient):
            raise ValidationError(
                _("Enter a Telegram chat id (a number such as -1001234567890) or a channel "
                  "name starting with @."), code="invalid_chat")
        return recipient
    if channel == Outbox.Channel.WEBHOOK:
        try:
            URLValidator(schemes=["http", "https"])(recipient)
        except ValidationError:
            raise ValidationError(
                _("Enter a webhook address that starts with https:// or http://."),
                code="invalid_url") from None
        return recipient
    raise ValidationError(_("Unknown channel: %(channel)s.") % {"channel": channel},
                          code="invalid_channel")


def notification_render(*, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML of message kind `template`, in the installation's language."""
    if not TEMPLATE_KEY.match(template or ""):
        raise ValidationError(_("Unknown message template: %(template)s.")
                              % {"template": template}, code="invalid_template")
    base = f"notifications/{template}"
    full_context = {
        "installation": settings.BALAI_INSTALLATION,
        "site_url": settings.SITE_URL,
        **context,
    }
    try:
        subject_template = get_template(f"{base}/subject.txt")
        text_template = get_template(f"{base}/body.txt")
    except TemplateDoesNotExist:
        raise ValidationError(_("Unknown message template: %(template)s.")
                              % {"template": template}, code="invalid_template") from None
    with translation.override(settings.LANGUAGE_CODE):
        # Plain-text parts must not be HTML-escaped ("Jl. A & B", not "Jl. A &amp; B").
        subject = subject_template.template.render(Context(full_context, autoescape=False))
        text = text_template.template.render(Context(full_context, autoescape=False))
        try:
            html = get_template(f"{base}/body.html").render(full_context)
        except TemplateDoesNotExist:
            html = ""
    subject = " ".join(subject.split())[:300]
    # Template tags on their own lines leave runs of blank lines behind.
    text = re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", text.strip())
    return subject, text + "\n", html.strip()


# --- services -------------------------------------------------------------------------

def notification_enqueue(
    *,
    channel: str,
    recipient: str,
    template: str,
    context: dict[str, Any],
    related: models.Model | None = None,
    dedupe_key: str | None = None,
    attachment: Attachment | None = None,
    new_key: bool = False,
) -> Outbox:
    """Render and store one message, and queue its delivery when the transaction commits.
    An `attachment` (see `attachment_store`) goes with e-mail only.

    `new_key=True` when no message can have `dedupe_key` yet (it names an object created in
    the caller's transaction): the read that returns an earlier message is skipped, one
    round trip fewer; a duplicate would still be caught by the unique constraint below."""
    if dedupe_key and len(dedupe_key) > 200:
        raise ValueError("dedupe_key is limited to 200 characters")
    if dedupe_key and not new_key:
        existing = Outbox.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    try:
        recipient = notification_recipient_clean(channel=channel, recipient=recipient)
    except ValidationError as exc:
        refused = " ".join(exc.messages)
    else:
        refused = ""
    subject, text, html = notification_render(template=template, context=context)
    same_database = _queue_is_in_this_database()
    now = timezone.now()
    outbox = Outbox(
        channel=channel, recipient=recipient[:500], template=template, subject=subject,
        body_text=text, body_html=html if channel in HTML_CHANNELS else "",
        dedupe_key=dedupe_key or None, next_attempt_at=now,
        enqueued_at=now if same_database else None,
        attachment=attachment if channel == Outbox.Channel.EMAIL else None,
    )
    if related is not None:
        outbox.content_type = ContentType.objects.get_for_model(related,
                                                                for_concrete_model=False)
        outbox.object_id = str(related.pk)
    if refused:
        # A recipient no transport can reach (a typing error, or garbage someone entered)
        # is the message's failure, visible in the admin: it must never refuse the change
        # of state that wanted to tell them (issue 12: a bad supporter address froze a case).
        return _outbox_store_refused(outbox, refused)
    try:
        # A savepoint, so that losing a race on dedupe_key leaves the caller's
        # transaction usable.
        with transaction.atomic():
            outbox.save(force_insert=True)
    except IntegrityError:
        if dedupe_key and (existing := Outbox.objects.filter(dedupe_key=dedupe_key).first()):
            return existing
        raise
    outbox_id = outbox.pk
    if same_database:
        # The queue is a table of this database: the task row commits (or rolls back)
        # with the message and the caller's change, in the caller's one transaction —
        # no extra commits per message, and no crash window between commit and enqueue.
        from balai.notifications.tasks import deliver_outbox  # noqa: PLC0415

        deliver_outbox.enqueue(outbox_id)
        return outbox
    # robust: a failure to queue the task must not break the caller's request; the sweep
    # finds rows whose task never arrived.
    transaction.on_commit(lambda: _queue_delivery(outbox_id=outbox_id), robust=True)
    return outbox


def attachment_store(*, filename: str, content_type: str, data: bytes) -> Attachment:
    """The stored attachment with these bytes (stored once, whoever sends them)."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            attachment, _created = Attachment.objects.get_or_create(
                sha256=digest, defaults={"filename": filename[:200],
                                         "content_type": content_type, "data": data})
    except IntegrityError:  # a concurrent writer stored the same bytes
        attachment = Attachment.objects.get(sha256=digest)
    return attachment


def _outbox_store_refused(outbox: Outbox, reason: str) -> Outbox:
    outbox.status = Outbox.Status.FAILED
    outbox.last_error = reason[:1000]
    outbox.enqueued_at = None
    try:
        with transaction.atomic():
            outbox.save(force_insert=True)
            log_action(outbox, "notifications.failed",
                       data={"channel": outbox.channel, "attempts": 0,
                             "error": outbox.last_error, "retryable": False})
    except IntegrityError:
        if outbox.dedupe_key and (existing := Outbox.objects.filter(
                dedupe_key=outbox.dedupe_key).first()):
            return existing
        raise
    logger.warning("outbox %s: not sent, the recipient was refused: %s", outbox.pk, reason)
    return outbox


def _queue_is_in_this_database() -> bool:
    from balai.notifications.tasks import deliver_outbox  # noqa: PLC0415 - tasks imports us

    return type(deliver_outbox.get_backend()).__module__.startswith("django_tasks_db")


def _queue_delivery(*, outbox_id: int, run_after: datetime | None = None) -> None:
    from balai.notifications.tasks import deliver_outbox  # noqa: PLC0415 - tasks imports us

    task = deliver_outbox
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the sweep delivers it once it is due
        task = task.using(run_after=run_after)
    Outbox.objects.filter(pk=outbox_id).update(enqueued_at=timezone.now())
    task.enqueue(outbox_id)


def outbox_deliver(*, outbox_id: int) -> Outbox | None:
    """Send one queued, due message once; on failure schedule a retry or give up."""
    now = timezone.now()
    # The claim: only one worker turns this row from queued to sending.
    claimed = Outbox.objects.filter(
        pk=outbox_id, status=Outbox.Status.QUEUED, next_attempt_at__lte=now,
    ).update(status=Outbox.Status.SENDING, attempts=F("attempts") + 1, locked_at=now,
             updated_at=now)
    if not claimed:
        logger.debug("outbox %s: not claimable (already taken, sent or not due)", outbox_id)
        return None
    outbox = Outbox.objects.select_related("content_type").get(pk=outbox_id)
    try:
        provider_id = transport_for(outbox.channel).send(outbox)
    except TransportError as exc:
        _outbox_record_failure(outbox=outbox, error=str(exc), retryable=exc.retryable)
    except Exception as exc:
        # A bug or an unexpected library error: keep the message and retry, never drop it.
        logger.exception("outbox %s: unexpected error in the %s transport",
                         outbox_id, outbox.channel)
        _outbox_record_failure(outbox=outbox, error=f"{outbox.channel}: {type(exc).__name__}",
                               retryable=True)
    else:
        with transaction.atomic():
            outbox.status = Outbox.Status.SENT
            outbox.sent_at = timezone.now()
            outbox.provider_message_id = (provider_id or "")[:200]
            outbox.last_error = ""
            outbox.locked_at = None
            outbox.save(update_fields=["status", "sent_at", "provider_message_id",
                                       "last_error", "locked_at", "updated_at"])
            log_action(outbox, "notifications.sent",
                       data={"channel": outbox.channel, "attempts": outbox.attempts})
    return outbox


def _outbox_record_failure(*, outbox: Outbox, error: str, retryable: bool) -> None:
    now = timezone.now()
    outbox.last_error = error[:1000]
    outbox.locked_at = None
    with transaction.atomic():
        if retryable and outbox.attempts < outbox.max_attempts:
            outbox.status = Outbox.Status.QUEUED
            outbox.next_attempt_at = now + retry_delay(attempt=outbox.attempts,
                                                       jitter=random.random())
            outbox.save(update_fields=["status", "next_attempt_at", "last_error", "locked_at",
                                       "updated_at"])
            run_after = outbox.next_attempt_at
            outbox_id = outbox.pk
            transaction.on_commit(
                lambda: _queue_delivery(outbox_id=outbox_id, run_after=run_after), robust=True)
            logger.warning("outbox %s: attempt %s failed, retry at %s: %s", outbox.pk,
                           outbox.attempts, outbox.next_attempt_at.isoformat(), error)
        else:
            outbox.status = Outbox.Status.FAILED
            outbox.save(update_fields=["status", "last_error", "locked_at", "updated_at"])
            log_action(outbox, "notifications.failed",
                       data={"channel": outbox.channel, "attempts": outbox.attempts,
                             "error": outbox.last_error, "retryable": retryable})
            logger.error("outbox %s: failed after %s attempt(s): %s", outbox.pk,
                         outbox.attempts, error)


def outbox_retry(*, outbox: Outbox, actor: Any) -> Outbox:
    """Put a failed message back in the queue with a fresh set of attempts (admin action)."""
    if outbox.status != Outbox.Status.FAILED:
        raise ValidationError(_("Only failed messages can be retried."), code="not_failed")
    now = timezone.now()
    with transaction.atomic():
        updated = Outbox.objects.filter(pk=outbox.pk, status=Outbox.Status.FAILED).update(
            status=Outbox.Status.QUEUED, attempts=0, next_attempt_at=now, updated_at=now)
        if not updated:
            raise ValidationError(_("Only failed messages can be retried."), code="not_failed")
        log_action(outbox, "notifications.retried", actor=actor,
                   data={"previous_attempts": outbox.attempts, "last_error": outbox.last_error})
        outbox_id = outbox.pk
        transaction.on_commit(lambda: _queue_delivery(outbox_id=outbox_id), robust=True)
    outbox.refresh_from_db()
    return outbox


def outbox_sweep(*, now: datetime) -> dict[str, int]:
    """Recover rows left in sending by a dead worker and re-queue due rows whose task was lost."""
    stuck_after = timedelta(seconds=settings.NOTIFICATION_SENDING_TIMEOUT)
    grace = timedelta(seconds=settings.NOTIFICATION_REQUEUE_GRACE)
    counts = {"recovered": 0, "failed": 0, "requeued": 0}

    stuck_ids = list(Outbox.objects.filter(
        status=Outbox.Status.SENDING, locked_at__lte=now - stuck_after,
    ).order_by("locked_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    for outbox_id in stuck_ids:
        if outcome := _outbox_recover(outbox_id=outbox_id, now=now, stuck_after=stuck_after):
            counts[outcome] += 1

    # Due rows whose delivery task should have run by now but evidently did not (lost on
    # a crash between commit and enqueue, pruned, or a backend without deferred tasks).
    lost = now - grace
    due_ids = list(Outbox.objects.filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=lost),
        status=Outbox.Status.QUEUED, next_attempt_at__lte=lost,
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    for outbox_id in due_ids:
        # Claim the re-enqueue too, so two sweeping workers queue one task, not two.
        if Outbox.objects.filter(
            Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=lost),
            pk=outbox_id, status=Outbox.Status.QUEUED,
        ).update(enqueued_at=now):
            _queue_delivery(outbox_id=outbox_id)
            counts["requeued"] += 1
    return counts


def _outbox_recover(*, outbox_id: int, now: datetime, stuck_after: timedelta) -> str | None:
    """Turn one stuck sending row back to queued, or to failed when out of attempts."""
    error = (f"Worker stopped while sending (no result after {int(stuck_after.total_seconds())}"
             " s); the message may or may not have been delivered.")
    stuck = Q(pk=outbox_id, status=Outbox.Status.SENDING, locked_at__lte=now - stuck_after)
    with transaction.atomic():
        if Outbox.objects.filter(stuck, attempts__lt=F("max_attempts")).update(
            status=Outbox.Status.QUEUED, next_attempt_at=now, locked_at=None, last_error=error,
            updated_at=now,
        ):
            transaction.on_commit(lambda: _queue_delivery(outbox_id=outbox_id), robust=True)
            logger.warning("outbox %s: recovered from a stuck send", outbox_id)
            return "recovered"
        if Outbox.objects.filter(stuck).update(status=Outbox.Status.FAILED, locked_at=None,
                                               last_error=error, updated_at=now):
            outbox = Outbox.objects.get(pk=outbox_id)
            log_action(outbox, "notifications.failed",
                       data={"channel": outbox.channel, "attempts": outbox.attempts,
                             "error": error, "retryable": True})
            return "failed"
    return None
