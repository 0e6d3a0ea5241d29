"""Proof of publication: an online page fetched, stored and hashed at submission; a print
delivery ledger; a broadcast log with its recording. One proof proves one item only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.periodic import on_sweep_clock
from balai.media_partnerships import pages
from balai.media_partnerships.fetcher import FetchRefused, fetch_page
from balai.media_partnerships.files import PreparedFile
from balai.media_partnerships.models import Deliverable, Order, OrderItem, RenderState
from balai.media_partnerships.render import RenderFailed, render_snapshot, snapshot_text
from balai.media_partnerships.workflow import ORDER_WORKFLOW

TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "amp")


def url_key(url: str) -> str:
    """The URL as it identifies a page: scheme and host in lower case, no fragment, no
    trailing slash, no tracking parameters (utm_*, fbclid), so the same story sent twice
    with different decorations is the same key."""
    parts = urlsplit(url.strip())
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query)
                             if not k.lower().startswith(TRACKING_PARAMS)))
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme,
                       host + port, parts.path.rstrip("/") or "/", query, ""))


def _refuse(item: OrderItem, message: str, *, actor, data: dict):
    with transaction.atomic():
        log_action(item.order, "media_partnerships.proof_refused", actor=actor,
                   data={"item": item.description, "reason": message, **data})
    raise ValidationError(message, code="proof_refused")


def _claimed_elsewhere(key: str) -> Deliverable | None:
    return Deliverable.objects.select_related("item__order").filter(url_key=key).first()


def _open_item(item: OrderItem) -> Order:
    order = Order.objects.get(pk=item.order_id)
    if not ORDER_WORKFLOW.allows("proof", order.status):
        raise ValidationError(_("Proof is recorded only for an order under agreement."))
    return order


def deliverable_submit_online(*, item: OrderItem, url: str, published_on: date, actor=None,
                              now: datetime | None = None) -> Deliverable:
    """Fetch the page now (bounded), keep its HTML, its SHA-256 and the fetch time, and queue
    its PDF and PNG for the worker; refuse a URL or a near-identical text already claimed,
    and a page dated outside the order's period."""
    order = _open_item(item)
    key = url_key(url)
    earlier = _claimed_elsewhere(key)
    if earlier is not None:
        _refuse(item, _("This URL is already the proof of %(order)s (%(item)s).") % {
            "order": earlier.item.order.code, "item": earlier.item.description},
            actor=actor, data={"url": url, "duplicate_of": earlier.pk})
    try:
        page = fetch_page(url, timeout=settings.MEDIA_PARTNERSHIP_FETCH_TIMEOUT_S,
                          max_bytes=settings.MEDIA_PARTNERSHIP_FETCH_MAX_BYTES,
                          allow_loopback=settings.MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK,
                          now=now)
    except FetchRefused as exc:
        _refuse(item, exc.messages[0], actor=actor, data={"url": url, "code": exc.code})
    html = page.text()
    facts = pages.read_page(html)
    print_ = pages.fingerprint(facts.words)
    if print_:
        for other in (Deliverable.objects.exclude(text_fingerprint="").exclude(item=item)
                      .select_related("item__order").only("text_fingerprint", "item")):
            if pages.near_identical(print_, other.text_fingerprint):
                _refuse(item, _("The text of this page is nearly identical to the proof "
                                "already given for %(order)s (%(item)s).") % {
                    "order": other.item.order.code, "item": other.item.description},
                    actor=actor, data={"url": url, "near_duplicate_of": other.pk})
    refusals, warnings = pages.plausibility(
        facts, description=item.description, period_start=order.period_start,
        period_end=order.period_end, published_on=published_on)
    if refusals:
        _refuse(item, " ".join(refusals), actor=actor, data={"url": url})
    deliverable = Deliverable(
        item=item, kind=Deliverable.Kind.ONLINE, published_on=published_on, url=url,
        url_key=key, final_url=page.final_url, fetched_at=page.fetched_at,
        http_status=page.status, page_title=facts.title, page_date=facts.published,
        text_fingerprint=print_, sha256=page.sha256, plausibility=warnings,
        render_state=RenderState.PENDING, render_next_at=page.fetched_at,
        submitted_by=actor if getattr(actor, "pk", None) else None)
    deliverable.snapshot_html.save(f"{page.sha256[:16]}.html", ContentFile(page.body),
                                   save=False)
    try:
        with transaction.atomic():
            deliverable.save()
            log_action(order, "media_partnerships.proof_submitted", actor=actor,
                       data={"item": item.description, "url": url, "sha256": page.sha256,
                             "warnings": warnings})
            _queue_rendering(deliverable.pk)
    except IntegrityError as exc:  # the same URL claimed at the same moment
        raise ValidationError(_("This URL has just been given as proof of another item."),
                              code="proof_refused") from exc
    return deliverable


def deliverable_print_record(*, item: OrderItem, edition: str, published_on: date,
                             copies_received: int, received_by: str, actor) -> Deliverable:
    """A line of the print delivery ledger: which edition, how many copies, who received
    them (the Lampung Timur finding: papers paid for and never delivered)."""
    order = _open_item(item)
    if not edition.strip() or not received_by.strip():
        raise ValidationError(_("Write the edition and who received the copies."))
    if not order.period_start <= published_on <= order.period_end:
        raise ValidationError({"published_on": _("The edition is dated outside the order's "
                                                 "period.")})
    with transaction.atomic():
        deliverable = Deliverable.objects.create(
            item=item, kind=Deliverable.Kind.PRINT, published_on=published_on,
            edition=edition.strip(), copies_received=copies_received,
            received_by=received_by.strip(), submitted_by=actor)
        log_action(order, "media_partnerships.proof_submitted", actor=actor,
                   data={"item": item.description, "edition": edition,
                         "copies": copies_received})
    return deliverable


def deliverable_broadcast_record(*, item: OrderItem, published_on: date, broadcast_log: str,
                                 recording: PreparedFile, actor) -> Deliverable:
    """A broadcast: the station's log for the slot and the recording."""
    order = _open_item(item)
    if not broadcast_log.strip():
        raise ValidationError({"broadcast_log": _("Paste the broadcast log of the slot.")})
    with transaction.atomic():
        deliverable = Deliverable(item=item, kind=Deliverable.Kind.BROADCAST,
                                  published_on=published_on, broadcast_log=broadcast_log,
                                  sha256=recording.sha256, submitted_by=actor)
        deliverable.recording.save(f"{recording.sha256[:16]}.{recording.content().name[-3:]}",
                                   recording.content(), save=False)
        deliverable.save()
        log_action(order, "media_partnerships.proof_submitted", actor=actor,
                   data={"item": item.description, "sha256": recording.sha256})
    return deliverable


RENDER_ATTEMPTS = 4
RENDER_RETRY_AFTER = (timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30))
RENDER_CLAIM_LIMIT = timedelta(minutes=10)  # a claim older than this lost its worker
RENDER_SWEEP_GRACE = timedelta(minutes=1)  # the queued task goes first (sweeps' clock)
RENDER_SWEEP_BATCH = 10


def _queue_rendering(deliverable_id: int) -> None:
    from balai.media_partnerships.tasks import render_proof  # noqa: PLC0415 - tasks imports us

    if type(render_proof.get_backend()).__module__.startswith("django_tasks_db"):
        # The queue is a table of this database: the task commits with the proof.
        render_proof.enqueue(deliverable_id)
    else:
        transaction.on_commit(lambda: render_proof.enqueue(deliverable_id), robust=True)


def deliverable_render(*, deliverable_id: int, now: datetime | None = None) -> str:
    """Draw a proof's stored HTML as a PDF and a PNG (Chromium, network blocked), once.

    Returns the proof's rendering state afterwards, or "" when it was not claimable (drawn
    already, taken by another worker, or a retry not due yet). A failure is recorded on
    the proof and in its order's history and retried later; after the last attempt the
    proof stays "could not be drawn" with the reason, its HTML and hash untouched."""
    now = now or timezone.now()
    due = Q(render_state=RenderState.PENDING) | Q(render_state=RenderState.RENDERING)
    claimed = Deliverable.objects.filter(due, pk=deliverable_id, render_next_at__lte=now).update(
        render_state=RenderState.RENDERING, render_attempts=F("render_attempts") + 1,
        render_next_at=now + RENDER_CLAIM_LIMIT, updated_at=now)
    if not claimed:
        return ""
    proof = Deliverable.objects.select_related("item__order").get(pk=deliverable_id)
    mine = Deliverable.objects.filter(pk=deliverable_id, render_state=RenderState.RENDERING,
                                      render_attempts=proof.render_attempts)
    try:
        with proof.snapshot_html.open("rb") as handle:
            rendering = render_snapshot(snapshot_text(handle.read()))
    except (RenderFailed, OSError) as exc:
        return _render_failed(proof, mine, str(exc) or type(exc).__name__, now=now)
    stem = f"{proof.sha256[:16]}-{proof.render_attempts}"
    proof.snapshot_pdf.save(f"{stem}.pdf", ContentFile(rendering.pdf), save=False)
    proof.snapshot_image.save(f"{stem}.png", ContentFile(rendering.png), save=False)
    with transaction.atomic():
        done = mine.update(render_state=RenderState.READY, render_next_at=None,
                           render_note="", snapshot_pdf=proof.snapshot_pdf.name,
                           snapshot_image=proof.snapshot_image.name, updated_at=timezone.now())
        if done:
            log_action(proof.item.order, "media_partnerships.proof_rendered",
                       data={"item": proof.item.description, "url": proof.url,
                             "attempt": proof.render_attempts})
    if not done:  # the claim was taken over after it timed out: keep the other's files
        proof.snapshot_pdf.delete(save=False)
        proof.snapshot_image.delete(save=False)
        return ""
    return RenderState.READY


def _render_failed(proof: Deliverable, mine, reason: str, *, now: datetime) -> str:
    attempt = proof.render_attempts
    if attempt >= RENDER_ATTEMPTS:
        state, retry_at = RenderState.FAILED, None
    else:
        state = RenderState.PENDING
        retry_at = now + RENDER_RETRY_AFTER[min(attempt, len(RENDER_RETRY_AFTER)) - 1]
    with transaction.atomic():
        if not mine.update(render_state=state, render_next_at=retry_at,
                           render_note=reason[:300], updated_at=timezone.now()):
            return ""
        log_action(proof.item.order, "media_partnerships.proof_render_failed",
                   data={"item": proof.item.description, "url": proof.url,
                         "attempt": attempt, "error": reason[:300],
                         "retry_at": retry_at.isoformat() if retry_at else None})
    return state


def proofs_render_sweep(*, now: datetime) -> int:
    """Draw the proofs whose retry is due, whose task was lost or whose worker died
    (selected on the stored, indexed `render_next_at`); returns how many it drew."""
    ids = list(Deliverable.objects.filter(
        render_state__in=[RenderState.PENDING, RenderState.RENDERING],
        render_next_at__lte=now - on_sweep_clock(RENDER_SWEEP_GRACE))
        .order_by("render_next_at").values_list("pk", flat=True)[:RENDER_SWEEP_BATCH])
    return sum(deliverable_render(deliverable_id=pk, now=now) == RenderState.READY
               for pk in ids)
