"""The WhatsApp Business Cloud API's inbound side: the webhook's signature, its payload
read into plain messages, and media downloads (Meta Graph API).

Payload shape (Cloud API webhooks, field "messages"): `entry[].changes[].value` holds
`contacts[]` (`wa_id`, `profile.name`) and `messages[]` with `from`, `id` ("wamid…"),
`timestamp` and `type`: `text.body`; `location.latitude/longitude/name/address`;
`image.id/mime_type/sha256/caption`; `interactive.list_reply|button_reply.id/title`;
`button.payload/text`. Delivery receipts come as `value.statuses[]` and are ignored here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

MAX_MEDIA_BYTES = 12 * 1024 * 1024


class MediaError(Exception):
    """The photo could not be fetched from the Cloud API."""


@dataclass(frozen=True)
class InboundMessage:
    wa_id: str  # the message id: a redelivered event carries the same one
    phone: str  # the sender, digits in international form (628…)
    profile_name: str
    kind: str  # text, choice, location, image, other
    timestamp: int
    text: str = ""
    choice_id: str = ""
    lat: float | None = None
    lng: float | None = None
    place: str = ""
    media_id: str = ""
    raw: dict | None = None


def signature_valid(body: bytes, header: str, secret: str) -> bool:
    """`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`."""
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header[len("sha256="):].strip().lower(), expected)


def _message(raw: dict, names: dict[str, str]) -> InboundMessage | None:
    wa_id, phone = str(raw.get("id") or ""), str(raw.get("from") or "")
    if not wa_id or not phone.isdigit():
        return None
    kind = raw.get("type") or ""
    try:
        timestamp = int(raw.get("timestamp") or 0)
    except (TypeError, ValueError):
        timestamp = 0
    base = {"wa_id": wa_id[:128], "phone": phone[:20], "profile_name": names.get(phone, ""),
            "timestamp": timestamp, "raw": raw}
    if kind == "text":
        return InboundMessage(kind="text", text=str((raw.get("text") or {}).get("body", "")),
                              **base)
    if kind == "location":
        loc = raw.get("location") or {}
        try:
            lat, lng = float(loc["latitude"]), float(loc["longitude"])
        except (KeyError, TypeError, ValueError):
            return InboundMessage(kind="other", **base)
        place = ", ".join(str(loc[k]) for k in ("name", "address") if loc.get(k))
        return InboundMessage(kind="location", lat=lat, lng=lng, place=place, **base)
    if kind == "image":
        image = raw.get("image") or {}
        return InboundMessage(kind="image", media_id=str(image.get("id") or ""),
                              text=str(image.get("caption") or ""), **base)
    if kind == "interactive":
        inter = raw.get("interactive") or {}
        reply = inter.get("list_reply") or inter.get("button_reply") or {}
        return InboundMessage(kind="choice", choice_id=str(reply.get("id") or ""),
                              text=str(reply.get("title") or ""), **base)
    if kind == "button":  # a quick-reply button of a template message
        button = raw.get("button") or {}
        return InboundMessage(kind="choice", choice_id=str(button.get("payload") or ""),
                              text=str(button.get("text") or ""), **base)
    return InboundMessage(kind="other", **base)


def messages_in(payload: Any) -> list[InboundMessage]:
    """Every citizen message in a webhook delivery, in the order given."""
    found = []
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        return found
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            if (change or {}).get("field", "messages") != "messages":
                continue
            names = {str(c.get("wa_id")): str((c.get("profile") or {}).get("name") or "")
                     for c in value.get("contacts") or [] if isinstance(c, dict)}
            for raw in value.get("messages") or []:
                if isinstance(raw, dict) and (message := _message(raw, names)):
                    found.append(message)
    return found


def _get(url: str, *, limit: int) -> tuple[bytes, str]:
    request = urllib.request.Request(  # noqa: S310 - the API base comes from settings
        url, headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}",
                      "User-Agent": "balai-intake"})
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFICATION_HTTP_TIMEOUT) as r:  # noqa: S310
            data = r.read(limit + 1)
            kind = r.headers.get("Content-Type", "")
    except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as exc:
        code = getattr(exc, "code", None)
        raise MediaError(f"HTTP {code}" if code else type(exc).__name__) from None
    if len(data) > limit:
        raise MediaError("too large")
    return data, kind


def media_download(media_id: str) -> bytes:
    """The bytes of an inbound photo: GET /{media-id} gives a short-lived URL, which is
    fetched with the same bearer token."""
    if not media_id or not settings.WHATSAPP_TOKEN:
        raise MediaError("no media id or no token")
    base = settings.WHATSAPP_API_URL.rstrip("/")
    meta, _kind = _get(f"{base}/{urllib.parse.quote(media_id, safe='')}", limit=100_000)
    try:
        info = json.loads(meta)
        url = str(info["url"])
        size = int(info.get("file_size") or 0)
    except (ValueError, KeyError, TypeError):
        raise MediaError("answer without url") from None
    if size > MAX_MEDIA_BYTES:
        raise MediaError("too large")
    if not url.startswith(("https://", "http://")):
        raise MediaError("bad url")
    data, _kind = _get(url, limit=MAX_MEDIA_BYTES)
    return data
