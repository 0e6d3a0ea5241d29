"""Writes for the Open311 API: api_key clients and POSTed service requests.

Idempotency: a POST's key is SHA-256 over the client's id, its `device_id` and
`account_id`, the local calendar day and every field of the request as sent (service,
position, address, description, contact, media_url, attributes in sorted order). A retry
of the same request from the same client on the same day returns the complaint the first
attempt created, with no second case, notification or SLA; the same text sent on another
day, or by another client, is a new report. Clients that want an explicit key can vary
`device_id` per report.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from balai.complaints.models import Category, Complaint
from balai.complaints.services import Submission, complaint_submit
from balai.core.audit import log_action
from balai.core.ratelimit import hit
from balai.open311.errors import Open311Error
from balai.open311.models import ApiClient, Open311Submission
from balai.open311.selectors import arg

MAX_DESCRIPTION = 4000


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
    client.is_active = False
    client.revoked_at = now or timezone.now()
    client.save(update_fields=["is_active", "revoked_at", "updated_at"])
    log_action(client, "open311.client_revoked", actor=actor, data={"name": client.name})
    return client


def api_client_for(params) -> ApiClient:
    """The active client behind `api_key`, or 403; then its hourly rate limit, or 400."""
    key = arg(params, "api_key")
    client = (ApiClient.objects.filter(key_hash=ApiClient.hash_key(key), is_active=True).first()
              if key else None)
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


def _coordinate(params, name: str, limit: float) -> float:
    try:
        value = float(arg(params, name))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise Open311Error(400, _("%(name)s must be a WGS84 coordinate in decimal degrees.")
                           % {"name": name})
    return value


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
        account_id=arg(params, "account_id")[:200])


def idempotency_key(*, client: ApiClient, posted: PostedRequest, now: datetime,
                    attributes: dict | None = None) -> str:
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
        channel=Complaint.Channel.OPEN311,
        idempotency_key=idempotency_key(client=client, posted=posted, now=now),
    )
    try:
        with transaction.atomic():
            complaint, _secret = complaint_submit(submission=submission, actor=None, now=now)
            Open311Submission.objects.get_or_create(complaint=complaint, defaults={
                "client": client, "device_id": posted.device_id,
                "account_id": posted.account_id, "media_url": posted.media_url,
                "address_string": posted.address_string})
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from None
    return complaint, posted
