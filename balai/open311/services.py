"""Writes for the Open311 API: api_key clients and POSTed service requests.

Idempotency: a POST's key is SHA-256 over the client's id, its `device_id` and
`account_id`, the local calendar day and every field of the request as sent (service,
position, address, description, contact, media_url, attributes in sorted order). A retry
of the same request from the same client on the same day returns the complaint the first
attempt created, with no second case, notification or SLA; the same text sent on another
day, or by another client, is a new report. Clients that want an explicit key can vary
`device_id` per report. A client that names its own reference for the request
(`attribute[balai_reference]`, as a forwarding balai installation does) is keyed on that
reference alone: its retry on a later day, with a freshly signed photo link, still returns
the first case.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from balai.complaints.models import Category, Complaint
from balai.complaints.services import (
    Submission,
    complaint_fixed_answer,
    complaint_rate,
    complaint_reopen,
    complaint_reporter_reply,
    complaint_submit,
)
from balai.core.audit import log_action
from balai.core.ratelimit import hit
from balai.open311.errors import Open311Error
from balai.open311.models import (
    ApiClient,
    AttributeAnswer,
    Open311Submission,
    PartnerUpdate,
    ServiceAttribute,
)
from balai.open311.selectors import arg, parse_when

MAX_DESCRIPTION = 4000
MAX_ANSWER = {"string": 1000, "text": 4000}
D = ServiceAttribute.Datatype


@transaction.atomic
def api_client_issue(*, name: str, contact: str = "", requests_per_hour: int = 120,
                     actor, client: ApiClient | None = None) -> tuple[ApiClient, str]:
    """Register an Open311 client and issue its api_key (returned once, stored hashed)."""
    client = client or ApiClient()
    client.name, client.contact, client.requests_per_hour = name, contact, requests_per_hour
    key = client.issue_key()
    client.save()
    log_action(client, "open311.client_issued", actor=actor,
               data={"name": name, "key_prefix": client.key_prefix})
    return client, key


@transaction.atomic
def api_client_revoke(*, client: ApiClient, actor, now: datetime | None = None) -> ApiClient:
    """Revoke a client's api_key: its next POST gets 403."""
    client.key_revoke(now or timezone.now())
    log_action(client, "open311.client_revoked", actor=actor, data={"name": client.name})
    return client


def api_client_for(params) -> ApiClient:
    """The active client behind `api_key`, or 403; then its hourly rate limit, or 400."""
    key = arg(params, "api_key")
    client = ApiClient.active_by_key(key)
    if client is None:
        raise Open311Error(403, _("api_key is missing or not valid."))
    if not hit(f"open311:client:{client.pk}", limit=client.requests_per_hour, window_s=3600):
        # The spec knows only 400/403/404; the body's code says what happened.
        raise Open311Error(400, _("Too many requests for this api_key; try again within "
                                  "the hour."), code=429, headers={"Retry-After": "3600"})
    return client


@dataclass
class PostedRequest:
    category: Category
    lat: float
    lng: float
    description: str
    address_string: str
    email: str
    phone: str
    name: str
    media_url: str
    device_id: str
    account_id: str
    answers: dict[str, list[str]]
    reference: str = ""  # the sender's own number for this request (attribute[balai_reference])


def _coordinate(params, name: str, limit: float) -> float:
    try:
        value = float(arg(params, name))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise Open311Error(400, _("%(name)s must be a WGS84 coordinate in decimal degrees.")
                           % {"name": name})
    return value


# The attribute in which a sender gives its own number for the request (balai's forwarding
# sends it); read as the idempotency key, not stored as an answer.
REFERENCE_ATTRIBUTE = "balai_reference"


def parse_request(params) -> PostedRequest:
    """Check the POSTed form's shape (spec fields); the rules are complaint_submit's."""
    code = arg(params, "service_code")
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": code})
    if not (arg(params, "lat") or arg(params, "long")):
        if arg(params, "address_string") or arg(params, "address_id"):
            raise Open311Error(400, _("This server cannot place an address_string or "
                                      "address_id on the map: send lat and long as well."))
        raise Open311Error(400, _("The location is required: send lat and long."))
    lat, lng = _coordinate(params, "lat", 90), _coordinate(params, "long", 180)
    description = strip_tags(arg(params, "description")).strip()
    if not description:
        raise Open311Error(400, _("description is required: say what the problem is."))
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description may be at most 4,000 characters."))
    email, phone = arg(params, "email"), arg(params, "phone")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email is not a valid e-mail address.")) from None
    if phone and (len(phone) > 20 or not phone.lstrip("+").replace(" ", "").isdigit()):
        raise Open311Error(400, _("phone is not a valid phone number."))
    media_url = arg(params, "media_url")
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url is not an http(s) URL.")) from None
    name = " ".join(p for p in (arg(params, "first_name"), arg(params, "last_name")) if p)
    return PostedRequest(
        category=category, lat=lat, lng=lng, description=description,
        address_string=arg(params, "address_string")[:300], email=email, phone=phone,
        name=name[:200], media_url=media_url[:1000], device_id=arg(params, "device_id")[:200],
        account_id=arg(params, "account_id")[:200],
        answers=parse_attributes(params, category),
        reference=arg(params, f"attribute[{REFERENCE_ATTRIBUTE}]")[:100])


def _given(params, code: str) -> list[str]:
    """`attribute[code]` or `attribute[code][]` (repeated), empty values dropped."""
    values = params.getlist(f"attribute[{code}][]") + params.getlist(f"attribute[{code}]")
    return [v.strip() for v in values if v and v.strip()]


def _check_answer(attribute: ServiceAttribute, values: list[str], keys: set[str]) -> None:
    code = attribute.code
    if attribute.datatype != D.MULTIVALUELIST and len(values) > 1:
        raise Open311Error(400, _("attribute[%(code)s] takes one value.") % {"code": code})
    for value in values:
        if attribute.datatype == D.NUMBER:
            try:
                ok = math.isfinite(float(value))
            except ValueError:
                ok = False
            if not ok:
                raise Open311Error(400, _("attribute[%(code)s] must be a number.")
                                   % {"code": code})
        elif attribute.datatype == D.DATETIME:
            parse_when(value, f"attribute[{code}]")
        elif attribute.is_list and value not in keys:
            raise Open311Error(400, _("%(value)s is not one of the values of "
                                      "attribute[%(code)s]: %(keys)s.")
                               % {"value": value, "code": code,
                                  "keys": ", ".join(sorted(keys))})
        elif len(value) > MAX_ANSWER.get(attribute.datatype, 4000):
            raise Open311Error(400, _("attribute[%(code)s] is too long.") % {"code": code})


def parse_attributes(params, category: Category) -> dict[str, list[str]]:
    """The answers to the category's attributes, checked against its service definition."""
    answers: dict[str, list[str]] = {}
    for attribute in (ServiceAttribute.objects.filter(category=category, variable=True)
                      .prefetch_related("values")):
        values = _given(params, attribute.code)
        if not values:
            if attribute.required:
                raise Open311Error(400, _("attribute[%(code)s] is required: %(question)s")
                                   % {"code": attribute.code,
                                      "question": attribute.description})
            continue
        _check_answer(attribute, values, {v.key for v in attribute.values.all()})
        answers[attribute.code] = values
    return answers


def idempotency_key(*, client: ApiClient, posted: PostedRequest, now: datetime,
                    attributes: dict | None = None) -> str:
    if posted.reference:
        fields = {"client": client.pk, "reference": posted.reference}
        encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"open311-reference:{encoded}".encode()).hexdigest()
    fields = {
        "client": client.pk, "device_id": posted.device_id, "account_id": posted.account_id,
        "day": timezone.localdate(now).isoformat(), "service_code": posted.category.code,
        "lat": posted.lat, "long": posted.lng, "address": posted.address_string,
        "description": posted.description, "email": posted.email, "phone": posted.phone,
        "name": posted.name, "media_url": posted.media_url,
        "attributes": sorted((attributes or {}).items()),
    }
    encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"open311:{encoded}".encode()).hexdigest()


def open311_request_submit(*, client: ApiClient, params,
                           now: datetime | None = None) -> tuple[Complaint, PostedRequest]:
    """A POSTed service request becomes a complaint through the web form's own service."""
    now = now or timezone.now()
    posted = parse_request(params)
    submission = Submission(
        category=posted.category,
        title=Truncator(posted.description.splitlines()[0]).chars(120),
        description=posted.description, lat=posted.lat, lng=posted.lng,
        address=posted.address_string, reporter_name=posted.name,
        reporter_email=posted.email, reporter_phone=posted.phone,
        # A partner installation's forward is its own channel, the partner named on the case.
        channel=Complaint.Channel.FORWARDED if client.partner_id else Complaint.Channel.OPEN311,
        idempotency_key=idempotency_key(client=client, posted=posted, now=now,
                                        attributes=posted.answers),
    )
    try:
        with transaction.atomic():
            complaint, _secret = complaint_submit(submission=submission, actor=None, now=now)
            record, created = Open311Submission.objects.get_or_create(
                complaint=complaint, defaults={
                    "client": client, "device_id": posted.device_id,
                    "account_id": posted.account_id, "media_url": posted.media_url,
                    "address_string": posted.address_string})
            if created and posted.answers:
                by_code = {a.code: a for a in ServiceAttribute.objects.filter(
                    category=posted.category, code__in=posted.answers)}
                AttributeAnswer.objects.bulk_create(
                    AttributeAnswer(submission=record, attribute=by_code.get(code), code=code,
                                    values=values)
                    for code, values in posted.answers.items())
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from None
    return complaint, posted


# Our extension fields of a POSTed servicerequestupdate, named like balai_reference: the
# citizen's rating (1-5) and "sudah beres?" answer (yes/no) sent back by a partner.
RATING_ATTRIBUTE = "balai_rating"
FIXED_ATTRIBUTE = "balai_fixed"
FIXED_VALUES = {"yes": True, "no": False}


@dataclass
class PostedUpdate:
    complaint: Complaint
    update_id: str
    description: str
    status: str
    rating: int | None
    fixed: bool | None
    updated_datetime: datetime | None


def _partner_complaint(client: ApiClient, code: str) -> Complaint:
    """The request, if this partner created it here (its Open311Submission came through a
    key of the same partner); an unknown id is 404, another's request 403."""
    complaint = (Complaint.objects.select_related("open311_submission__client")
                 .filter(code__iexact=code).first())
    if complaint is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": code})
    submission = getattr(complaint, "open311_submission", None)
    if submission is None or submission.client.partner_id != client.partner_id:
        raise Open311Error(403, _("This api_key may post updates only to the requests its "
                                  "installation forwarded here."))
    return complaint


def parse_update(client: ApiClient, params) -> PostedUpdate:
    """Check a POSTed servicerequestupdate's shape; the rules are the complaint services'."""
    if not client.partner_id:
        raise Open311Error(403, _("Only a partner installation's api_key may post updates."))
    code, update_id = arg(params, "service_request_id"), arg(params, "update_id")
    if not code:
        raise Open311Error(400, _("service_request_id is required."))
    if not update_id:
        raise Open311Error(400, _("update_id is required: a retry with the same update_id "
                                  "changes nothing."))
    if len(update_id) > 100:
        raise Open311Error(400, _("update_id may be at most 100 characters."))
    complaint = _partner_complaint(client, code)
    description = strip_tags(arg(params, "description")).strip()
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description may be at most 4,000 characters."))
    rating = None
    if raw := arg(params, f"attribute[{RATING_ATTRIBUTE}]"):
        if raw not in {"1", "2", "3", "4", "5"}:
            raise Open311Error(400, _("attribute[%(code)s] must be a whole number from 1 "
                                      "to 5.") % {"code": RATING_ATTRIBUTE})
        rating = int(raw)
    fixed = None
    if raw := arg(params, f"attribute[{FIXED_ATTRIBUTE}]").lower():
        if raw not in FIXED_VALUES:
            raise Open311Error(400, _("attribute[%(code)s] must be yes or no.")
                               % {"code": FIXED_ATTRIBUTE})
        fixed = FIXED_VALUES[raw]
    if rating is not None and fixed is not None:
        raise Open311Error(400, _("Send the rating and the fixed answer as two updates."))
    if rating is None and fixed is None and not description:
        raise Open311Error(400, _("Send a description, a rating or a fixed answer."))
    when_raw = arg(params, "updated_datetime") or arg(params, "update_time")
    return PostedUpdate(
        complaint=complaint, update_id=update_id, description=description,
        status=arg(params, "status")[:40], rating=rating, fixed=fixed,
        updated_datetime=parse_when(when_raw, "updated_datetime") if when_raw else None)


def _apply_update(posted: PostedUpdate, source: str, now: datetime) -> None:
    """The update through the complaints services, the partner named in the public text."""
    complaint, text = posted.complaint, posted.description
    said = f"{source}: {text}" if text else ""
    if posted.rating is not None:
        complaint_rate(complaint=complaint, rating=posted.rating, comment=said, now=now)
    elif posted.fixed is not None:
        check = (complaint.fixed_checks.filter(answered_at__isnull=True)
                 .order_by("-asked_at", "-id").first())
        if check is not None:
            complaint_fixed_answer(check=check, fixed=posted.fixed, note=said, now=now)
        elif complaint.status == Complaint.Status.SELESAI:
            # Answered, not closed yet (the partner closed its own case on our answer):
            # "belum" reopens it as the reporter's reopening does; "sudah" is kept and
            # audited, and the reply window closes the case.
            if not posted.fixed:
                complaint_reopen(complaint=complaint, reason=said, now=now)
        else:
            raise Open311Error(400, _("No 'sudah beres?' question is open on this request."))
    else:
        complaint_reporter_reply(complaint=complaint, text=said, now=now)


def open311_update_submit(*, client: ApiClient, params, now: datetime | None = None
                          ) -> tuple[PartnerUpdate, bool]:
    """A partner installation's update on a request it forwarded here: its citizen's rating,
    "sudah beres?" answer or a note. Returns the stored update and whether it is new; a
    retry with the same update_id returns the first one and changes nothing."""
    now = now or timezone.now()
    posted = parse_update(client, params)
    known = PartnerUpdate.objects.filter(client=client, update_id=posted.update_id).first()
    if known is not None:
        return _same_request(known, posted), False
    try:
        with transaction.atomic():
            record = PartnerUpdate.objects.create(
                client=client, complaint=posted.complaint, update_id=posted.update_id,
                description=posted.description, status=posted.status, rating=posted.rating,
                fixed=posted.fixed, updated_datetime=posted.updated_datetime)
            _apply_update(posted, client.partner.name, now)
            log_action(posted.complaint, "open311.update_received", data={
                "client": client.pk, "partner": client.partner.code,
                "update_id": posted.update_id, "status": posted.status,
                "rating": posted.rating, "fixed": posted.fixed,
                "description": posted.description})
    except IntegrityError:
        # The same update_id from a concurrent retry: the first one's row.
        known = PartnerUpdate.objects.get(client=client, update_id=posted.update_id)
        return _same_request(known, posted), False
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from None
    return record, True


def _same_request(known: PartnerUpdate, posted: PostedUpdate) -> PartnerUpdate:
    if known.complaint_id != posted.complaint.pk:
        raise Open311Error(400, _("update_id %(id)s was already used for another request.")
                           % {"id": posted.update_id})
    return known
