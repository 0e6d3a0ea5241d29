"""Writes of forwarding over Open311: the endpoint's setup, sending a case, following it.

Sending and reading back happen outside any transaction (an HTTP call may take the whole
timeout); each is claimed first with a conditional UPDATE on its stored date, so two
workers never send or read the same forward at once, and the result is written, with its
audit entry, in one transaction afterwards.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from balai.complaints.models import Complaint, ComplaintPhoto
from balai.complaints.services import (
    complaint_forward_close,
    complaint_forward_received,
    complaint_forward_update,
)
from balai.core import crypto
from balai.core.audit import log_action
from balai.forwarding import client
from balai.forwarding.models import Open311Endpoint, RemoteFeedback, RemoteForward, RemoteUpdate

F_ = RemoteForward.Status
FB = RemoteFeedback.Status
# The remote side does not take POSTed updates (or not for this request): retrying cannot help.
NOT_ACCEPTED = (404, 405, 501)
PHOTO_SALT = "balai.forwarding.photo"
CLAIM_LEASE = timedelta(minutes=5)  # a worker killed mid-send: the next sweep tries again
MAX_DESCRIPTION = 4000  # GeoReport v2
UPDATES_PAGE = 1000
UPDATES_MAX_PAGES = 20


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes after the n-th failed attempt, at most 6 hours (FixMyStreet
    retries after 5 minutes, then every 30)."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), timedelta(hours=6))


# --- the endpoint -------------------------------------------------------------------------

def parse_service_map(text: str) -> dict[str, str]:
    """Lines "our_code = their_code" (blank lines and # comments skipped)."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        ours, sep, theirs = (p.strip() for p in line.partition("="))
        if not sep or not ours or not theirs:
            raise ValidationError(_("Line %(n)s: write our category code, '=' and their "
                                    "service code, e.g. jalan-rusak = 101.") % {"n": number},
                                  code="service_map")
        mapping[ours] = theirs
    return mapping


@transaction.atomic
def endpoint_save(*, agency, base_url: str, jurisdiction_id: str = "",
                  api_key: str | None = None, service_map: dict[str, str] | None = None,
                  is_active: bool = True, actor) -> Open311Endpoint:
    """Give an outside body an Open311 endpoint; `api_key` None keeps the stored one."""
    if not agency.is_external:
        raise ValidationError(_("Only an outside body can be reached over Open311; "
                                "%(agency)s is one of ours.") % {"agency": agency},
                              code="internal")
    endpoint = Open311Endpoint.objects.filter(agency=agency).first() \
        or Open311Endpoint(agency=agency)
    endpoint.base_url = base_url.strip().rstrip("/")
    endpoint.jurisdiction_id = jurisdiction_id.strip()
    if api_key is not None:
        endpoint.api_key_encrypted = crypto.encrypt(api_key.strip())
    if service_map is not None:
        endpoint.service_map = service_map
    endpoint.is_active = is_active
    endpoint.save()
    log_action(endpoint, "forwarding.endpoint_saved", actor=actor, data={
        "agency": agency.code, "base_url": endpoint.base_url,
        "jurisdiction_id": endpoint.jurisdiction_id, "key_changed": api_key is not None,
        "service_map": endpoint.service_map, "active": is_active})
    return endpoint


def endpoint_test(*, endpoint: Open311Endpoint, actor,
                  now: datetime | None = None) -> Open311Endpoint:
    """GET services.json and record what came back, and which mapped codes they lack."""
    try:
        services = client.services(endpoint)
    except client.RemoteError as exc:
        ok, result = False, _("Connection failed: %(reason)s") % {"reason": exc.reason}
    else:
        theirs = {str(s.get("service_code")) for s in services}
        missing = sorted(set(endpoint.service_map.values()) - theirs)
        ok = not missing
        result = _("%(n)s services offered.") % {"n": len(theirs)}
        if missing:
            result += " " + _("Mapped codes they do not offer: %(codes)s.") \
                % {"codes": ", ".join(missing)}
    with transaction.atomic():
        endpoint.checked_at, endpoint.check_ok, endpoint.check_result = \
            now or timezone.now(), ok, result
        endpoint.save(update_fields=["checked_at", "check_ok", "check_result", "updated_at"])
        log_action(endpoint, "forwarding.endpoint_tested", actor=actor,
                   data={"ok": ok, "result": result})
    return endpoint


# --- sending ------------------------------------------------------------------------------

def on_complaint_forwarded(sender, *, complaint: Complaint, actor, **kwargs) -> None:
    """complaints' signal, inside complaint_forward's transaction."""
    endpoint = Open311Endpoint.objects.filter(agency_id=complaint.forwarded_to_id,
                                              is_active=True).first()
    if endpoint is not None:
        forward_queue(complaint=complaint, endpoint=endpoint, actor=actor)


def forward_queue(*, complaint: Complaint, endpoint: Open311Endpoint, actor,
                  now: datetime | None = None) -> RemoteForward:
    """A forward to send: a row first, then the task on commit (the sweep is the net)."""
    forward = RemoteForward.objects.create(complaint=complaint, endpoint=endpoint,
                                           next_attempt_at=now or timezone.now())
    log_action(complaint, "forwarding.queued", actor=actor,
               data={"forward": forward.pk, "to": endpoint.agency.code})
    _enqueue_send(forward.pk)
    return forward


def _enqueue_send(pk: int) -> None:
    from balai.forwarding.tasks import send_forward  # noqa: PLC0415 (tasks import services)

    transaction.on_commit(lambda: send_forward.enqueue(pk))


def photo_token(photo: ComplaintPhoto) -> str:
    return signing.dumps(photo.pk, salt=PHOTO_SALT, compress=True)


def photo_link(photo: ComplaintPhoto) -> str:
    """A URL the receiving side fetches the photo from while the signature is valid."""
    return settings.SITE_URL + reverse("forwarding:photo", args=[photo_token(photo)])


def photo_for_token(token: str) -> ComplaintPhoto:
    """The photo behind a link; signing.SignatureExpired / BadSignature when refused."""
    pk = signing.loads(token, salt=PHOTO_SALT,
                       max_age=timedelta(hours=settings.FORWARDING_PHOTO_LINK_HOURS))
    return ComplaintPhoto.objects.select_related("complaint").get(
        pk=pk, state=ComplaintPhoto.State.READY, complaint__remote_forwards__isnull=False)


def request_form(forward: RemoteForward) -> tuple[list[tuple[str, str]], bool]:
    """The POST's fields, and whether the reporter's identity is among them."""
    c = forward.complaint
    code = forward.endpoint.service_map.get(c.category.code, "")
    if not code:
        raise client.RemoteError(
            _("No service code of %(agency)s is mapped to our category %(category)s "
              "(%(code)s): add it on the endpoint's page.")
            % {"agency": forward.endpoint.agency, "category": c.category.name,
               "code": c.category.code})
    photos = list(c.photos.filter(kind=ComplaintPhoto.Kind.REPORT,
                                  state=ComplaintPhoto.State.READY).order_by("pk"))
    links = [photo_link(p) for p in photos]
    footer = _("Forwarded from %(site)s, our number %(code)s.") % {
        "site": settings.SITE_URL, "code": c.code}
    if len(links) > 1:
        footer += "\n" + _("Photos:") + "\n" + "\n".join(links)
    body = f"{c.title}\n\n{c.description}".strip()
    room = MAX_DESCRIPTION - len(footer) - 2
    description = (body if len(body) <= room else body[:room - 1] + "…") + "\n\n" + footer
    form = [("service_code", code), ("lat", repr(c.lat)), ("long", repr(c.lng)),
            ("description", description),
            # A retry after a timeout is the same request, on any later day too: balai keys
            # it on our reference (open311.services.REFERENCE_ATTRIBUTE; servers keyed on
            # the device answer the same way).
            ("device_id", f"balai:{c.code}"), ("attribute[balai_reference]", c.code)]
    if c.address:
        form.append(("address_string", c.address[:300]))
    if links:
        form.append(("media_url", links[0]))
    identity = c.share_identity and not c.is_anonymous
    if identity:
        first, _sep, last = c.reporter_name.strip().partition(" ")
        form += [(k, v) for k, v in (("first_name", first), ("last_name", last),
                                     ("email", c.reporter_email), ("phone", c.reporter_phone))
                 if v]
    else:
        # Their news comes to our desk, which passes it on (and mirrors it here).
        form.append(("email", settings.FORWARDING_CONTACT_EMAIL
                     or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
    return form, identity


def _claim(queryset, **changes) -> bool:
    return bool(queryset.update(**changes))


def forward_send(*, forward_id: int, now: datetime | None = None) -> str:
    """Try to send one forward whose attempt is due; returns its status afterwards."""
    now = now or timezone.now()
    due = _due(F_.PENDING, "next_attempt_at", now, pk=forward_id)
    if not _claim(due, next_attempt_at=now + CLAIM_LEASE, attempts=F("attempts") + 1):
        return ""
    forward = RemoteForward.objects.select_related(
        "complaint__category", "endpoint__agency").get(pk=forward_id)
    if forward.complaint.is_confidential:
        return _withhold(forward)
    try:
        form, identity = request_form(forward)
        answer = client.post_request(forward.endpoint, form)
        remote_id = str(answer.get("service_request_id") or "")
        token = str(answer.get("token") or "")
        if not (remote_id or token):
            raise client.RemoteError(_("The answer carries neither service_request_id nor "
                                       "token."))
    except client.RemoteError as exc:
        return _send_failed(forward, exc.reason, now)
    with transaction.atomic():
        forward.status = F_.SENT
        forward.service_code = dict(form)["service_code"]
        forward.remote_id, forward.remote_token = remote_id[:100], token[:100]
        forward.identity_sent = identity
        forward.sent_at, forward.last_error, forward.next_attempt_at = now, "", None
        forward.next_check_at = now + timedelta(minutes=settings.FORWARDING_CHECK_MINUTES)
        forward.save()
        log_action(forward.complaint, "forwarding.sent", data={
            "forward": forward.pk, "to": forward.endpoint.agency.code,
            "service_code": forward.service_code, "remote_id": remote_id, "token": token,
            "identity_sent": identity, "attempt": forward.attempts,
            "notice": str(answer.get("service_notice") or "")[:500]})
        if remote_id:
            complaint_forward_received(complaint=forward.complaint, reference=remote_id)
    return forward.status


def _withhold(forward: RemoteForward) -> str:
    """A rahasia case is never sent over Open311: GeoReport v2 has no private flag, so the
    receiving server (a balai too) would publish it once verified. It waits for the desk,
    who send it by letter or another channel; retrying changes nothing, so no back-off."""
    with transaction.atomic():
        forward.status, forward.next_attempt_at = F_.FAILED, None
        forward.last_error = _(
            "Not sent: this complaint is confidential (rahasia) and Open311 cannot mark a "
            "request private, so the outside body could publish it. Send it by official "
            "letter or another channel.")
        forward.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
        log_action(forward.complaint, "forwarding.withheld", data={
            "forward": forward.pk, "to": forward.endpoint.agency.code,
            "reason": "confidential"})
    return forward.status


def _send_failed(forward: RemoteForward, reason: str, now: datetime) -> str:
    with transaction.atomic():
        give_up = forward.attempts >= settings.FORWARDING_MAX_ATTEMPTS
        forward.status = F_.FAILED if give_up else F_.PENDING
        forward.last_error = reason[:2000]
        forward.next_attempt_at = None if give_up else now + backoff(forward.attempts)
        forward.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
        log_action(forward.complaint, "forwarding.send_failed", data={
            "forward": forward.pk, "reason": forward.last_error, "attempt": forward.attempts,
            "next_attempt_at": forward.next_attempt_at, "given_up": give_up})
    return forward.status


@transaction.atomic
def forward_retry(*, forward: RemoteForward, actor,
                  now: datetime | None = None) -> RemoteForward:
    """Staff send a pending or given-up forward again now (after fixing the mapping or key)."""
    if forward.status not in {F_.PENDING, F_.FAILED}:
        raise ValidationError(_("This forward has already been sent."), code="sent")
    if forward.complaint.is_confidential:
        raise ValidationError(_("A confidential (rahasia) complaint is not sent over "
                                "Open311: send it by official letter or another channel."),
                              code="confidential")
    forward.status, forward.attempts = F_.PENDING, 0
    forward.next_attempt_at = now or timezone.now()
    forward.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    log_action(forward.complaint, "forwarding.retried", actor=actor, data={"forward": forward.pk})
    _enqueue_send(forward.pk)
    return forward


def _due(status: str, date_field: str, now: datetime, **more):
    """Forwards in `status` whose stored `date_field` has come; an endpoint switched off
    holds its forwards until it is on again."""
    return RemoteForward.objects.filter(status=status, endpoint__is_active=True,
                                        **{f"{date_field}__lte": now}, **more)


def _sweep(status: str, date_field: str, act, now: datetime | None) -> int:
    now = now or timezone.now()
    return sum(1 for pk in list(_due(status, date_field, now).values_list("pk", flat=True))
               if act(forward_id=pk, now=now))


def send_sweep(*, now: datetime | None = None) -> int:
    """Every forward whose attempt is due (a lost task, a retry after back-off)."""
    return _sweep(F_.PENDING, "next_attempt_at", forward_send, now)


# --- following ----------------------------------------------------------------------------

def _w3c(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _remote_updates(forward: RemoteForward, since: datetime) -> list[dict] | None:
    """This request's updates since `since`, all pages; None when the server has none."""
    found: list[dict] = []
    for page in range(1, UPDATES_MAX_PAGES + 1):
        try:
            rows = client.call(forward.endpoint, "servicerequestupdates.json", params={
                "start_date": _w3c(since), "page": page, "page_size": UPDATES_PAGE})
        except client.RemoteError as exc:
            if exc.status in (400, 404, 405, 501) and page == 1:
                return None  # not offered: read the request itself
            raise
        if not isinstance(rows, list):
            return None
        found += [r for r in rows if isinstance(r, dict)
                  and str(r.get("service_request_id", "")).lower() == forward.remote_id.lower()]
        if len(rows) < UPDATES_PAGE:
            break
    return found


def forward_follow(*, forward_id: int, now: datetime | None = None) -> str:
    """Read one sent forward back: its number, new updates, and whether it closed."""
    now = now or timezone.now()
    due = _due(F_.SENT, "next_check_at", now, pk=forward_id)
    interval = timedelta(minutes=settings.FORWARDING_CHECK_MINUTES)
    if not _claim(due, next_check_at=now + interval):
        return ""
    forward = RemoteForward.objects.select_related("complaint", "endpoint__agency").get(
        pk=forward_id)
    source = forward.endpoint.agency.name
    try:
        if not forward.remote_id and forward.remote_token:
            remote_id = client.token(forward.endpoint, forward.remote_token)
            if remote_id:
                with transaction.atomic():
                    forward.remote_id = remote_id[:100]
                    forward.save(update_fields=["remote_id", "updated_at"])
                    complaint_forward_received(complaint=forward.complaint, reference=remote_id)
        if not forward.remote_id:
            return forward.status
        since = forward.updates_since or (forward.sent_at - timedelta(minutes=5))
        updates = _remote_updates(forward, since)
        try:
            request = client.get_request(forward.endpoint, forward.remote_id)
        except client.RemoteError as exc:
            if exc.status != 404:
                raise
            request = None  # not public there yet (a new case waits for verification)
    except client.RemoteError as exc:
        RemoteForward.objects.filter(pk=forward.pk).update(
            last_error=_("Reading back failed: %(reason)s") % {"reason": exc.reason},
            checked_at=now)
        return forward.status
    with transaction.atomic():
        complaint = forward.complaint
        known = set(forward.updates.values_list("update_id", flat=True))
        newest = forward.updates_since
        for u in updates or []:
            update_id = str(u.get("update_id", ""))
            if not update_id or update_id in known:
                continue
            when = parse_datetime(str(u.get("updated_datetime") or "")) or now
            RemoteUpdate.objects.create(forward=forward, update_id=update_id[:100],
                                        status=str(u.get("status") or "")[:40],
                                        description=str(u.get("description") or ""),
                                        updated_datetime=when)
            known.add(update_id)
            newest = max(newest, when) if newest else when
            complaint = complaint_forward_update(
                complaint=complaint, source=source, text=str(u.get("description") or ""),
                status=str(u.get("status") or ""))
        # Read from an hour back each time: updates stamped a little earlier than they were
        # published are not lost (each is mirrored once, by its update_id).
        forward.updates_since = max(newest or since, now - timedelta(hours=1))
        forward.checked_at, forward.last_error = now, ""
        status = str((request or {}).get("status") or "").lower()
        if status and status != forward.remote_status and updates is None \
                and status != "closed":
            complaint = complaint_forward_update(
                complaint=complaint, source=source,
                text=str(request.get("status_notes") or ""), status=status)
        if status:
            forward.remote_status = status[:40]
            forward.remote_notes = str(request.get("status_notes") or "")
        if status == "closed":
            complaint_forward_close(complaint=complaint, source=source,
                                    answer=forward.remote_notes, now=now)
            forward.status, forward.next_check_at = F_.CLOSED, None
        forward.save()
    return forward.status


def follow_sweep(*, now: datetime | None = None) -> int:
    """Every sent forward whose read-back is due (stored next_check_at)."""
    return _sweep(F_.SENT, "next_check_at", forward_follow, now)


# --- the reporter's verdict, sent back ---------------------------------------------------

def on_reporter_feedback(sender, *, complaint: Complaint, rating: int | None,
                         fixed: bool | None, note: str = "", **kwargs) -> None:
    """complaints' signal, inside complaint_rate's or complaint_fixed_answer's transaction:
    a case the outside body numbered gets the reporter's verdict sent back to it."""
    forward = (complaint.remote_forwards.filter(status__in=[F_.SENT, F_.CLOSED])
               .exclude(remote_id="").select_related("endpoint__agency").first())
    if forward is not None:
        feedback_queue(forward=forward, rating=rating, fixed=fixed, note=note)


def feedback_queue(*, forward: RemoteForward, rating: int | None = None,
                   fixed: bool | None = None, note: str = "",
                   now: datetime | None = None) -> RemoteFeedback:
    feedback = RemoteFeedback.objects.create(forward=forward, rating=rating, fixed=fixed,
                                             note=note, next_attempt_at=now or timezone.now())
    log_action(forward.complaint, "forwarding.feedback_queued", data={
        "forward": forward.pk, "feedback": feedback.pk, "to": forward.endpoint.agency.code,
        "rating": rating, "fixed": fixed})
    from balai.forwarding.tasks import send_feedback  # noqa: PLC0415 (tasks import services)

    transaction.on_commit(lambda: send_feedback.enqueue(feedback.pk))
    return feedback


def feedback_form(feedback: RemoteFeedback) -> list[tuple[str, str]]:
    """The POSTed update: the remote id, our update id, the verdict in our extensions
    (open311.services.RATING_ATTRIBUTE and FIXED_ATTRIBUTE at a balai receiver)."""
    form = [("service_request_id", feedback.forward.remote_id),
            ("update_id", feedback.update_id),
            ("updated_datetime", _w3c(feedback.created_at)),
            ("status", "open" if feedback.fixed is False else "closed"),
            ("description", feedback.note[:MAX_DESCRIPTION])]
    if feedback.rating is not None:
        form.append(("attribute[balai_rating]", str(feedback.rating)))
    if feedback.fixed is not None:
        form.append(("attribute[balai_fixed]", "yes" if feedback.fixed else "no"))
    return form


def _feedback_due(now: datetime, **more):
    return RemoteFeedback.objects.filter(status=FB.PENDING, next_attempt_at__lte=now,
                                         forward__endpoint__is_active=True, **more)


def feedback_send(*, feedback_id: int, now: datetime | None = None) -> str:
    """POST one due verdict to the outside body; returns its status afterwards."""
    now = now or timezone.now()
    if not _claim(_feedback_due(now, pk=feedback_id), next_attempt_at=now + CLAIM_LEASE,
                  attempts=F("attempts") + 1):
        return ""
    feedback = RemoteFeedback.objects.select_related(
        "forward__complaint", "forward__endpoint__agency").get(pk=feedback_id)
    try:
        answer = client.post_update(feedback.forward.endpoint, feedback_form(feedback))
    except client.RemoteError as exc:
        return _feedback_failed(feedback, exc, now)
    with transaction.atomic():
        feedback.status, feedback.sent_at, feedback.next_attempt_at = FB.SENT, now, None
        feedback.remote_update_id = str(answer.get("update_id") or "")[:100]
        feedback.last_error = ""
        feedback.save()
        log_action(feedback.forward.complaint, "forwarding.feedback_sent", data={
            "forward": feedback.forward_id, "feedback": feedback.pk,
            "remote_update_id": feedback.remote_update_id, "attempt": feedback.attempts})
        if feedback.fixed is False:
            # "Belum" reopened it there: follow it again, from now, until it closes again.
            RemoteForward.objects.filter(pk=feedback.forward_id, status=F_.CLOSED).update(
                status=F_.SENT, next_check_at=now, remote_status="", updated_at=now)
    return feedback.status


def _feedback_failed(feedback: RemoteFeedback, exc: client.RemoteError, now: datetime) -> str:
    with transaction.atomic():
        if exc.status in NOT_ACCEPTED:
            # Recorded once; the sweep never picks it up again.
            feedback.status, feedback.next_attempt_at = FB.REFUSED, None
            feedback.last_error = (_("Not accepted by the remote side: %(reason)s")
                                   % {"reason": exc.reason})[:2000]
        else:
            give_up = feedback.attempts >= settings.FORWARDING_MAX_ATTEMPTS
            feedback.status = FB.FAILED if give_up else FB.PENDING
            feedback.next_attempt_at = None if give_up else now + backoff(feedback.attempts)
            feedback.last_error = exc.reason[:2000]
        feedback.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
        log_action(feedback.forward.complaint, "forwarding.feedback_failed", data={
            "forward": feedback.forward_id, "feedback": feedback.pk,
            "reason": feedback.last_error, "attempt": feedback.attempts,
            "status": feedback.status, "next_attempt_at": feedback.next_attempt_at})
    return feedback.status


def feedback_sweep(*, now: datetime | None = None) -> int:
    """Every verdict whose attempt is due (a retry after back-off, or a lost task)."""
    now = now or timezone.now()
    return sum(1 for pk in list(_feedback_due(now).values_list("pk", flat=True))
               if feedback_send(feedback_id=pk, now=now))
