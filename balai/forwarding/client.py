"""A small GeoReport v2 client (JSON format) for the outside bodies' endpoints.

Every failure becomes `RemoteError` with a reason staff can read (the API key is never in
it); the caller decides about retrying.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

ERROR_EXCERPT = 500


class RemoteError(Exception):
    def __init__(self, reason: str, *, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _spec_errors(raw: bytes) -> str:
    """The spec's `errors` document as one line, or the start of whatever came back."""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw[:ERROR_EXCERPT].decode("utf-8", "replace").strip()
    if isinstance(data, list):
        return "; ".join(str(e.get("description", e)) for e in data if isinstance(e, dict))
    return str(data)[:ERROR_EXCERPT]


def call(endpoint, path: str, *, params: dict | None = None,
         form: list[tuple[str, str]] | None = None) -> Any:
    """GET (or POST `form`, urlencoded) `path` under the endpoint's base URL; JSON back."""
    query = {"jurisdiction_id": endpoint.jurisdiction_id} if endpoint.jurisdiction_id else {}
    query.update(params or {})
    url = endpoint.url(path)
    data = None
    if form is not None:
        data = urllib.parse.urlencode(list(query.items()) + form).encode()
    elif query:
        url = f"{url}?{urllib.parse.urlencode(query)}"
    request = urllib.request.Request(  # noqa: S310 - an admin-configured http(s) URL
        url, data=data, method="POST" if form is not None else "GET",
        headers={"Accept": "application/json", "User-Agent": "balai-forwarding"})
    secret = endpoint.api_key
    try:
        with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.FORWARDING_HTTP_TIMEOUT) as response:
            raw = response.read(5_000_000)
    except urllib.error.HTTPError as exc:
        reason = f"HTTP {exc.code}: {_spec_errors(exc.read(5000))}"
        raise RemoteError(reason.replace(secret, "[api_key]") if secret else reason,
                          status=exc.code) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"connection failed ({type(reason).__name__}: {reason})") from None
    try:
        return json.loads(raw)
    except ValueError:
        raise RemoteError("the answer is not JSON: "
                          + raw[:200].decode("utf-8", "replace")) from None


def services(endpoint) -> list[dict]:
    data = call(endpoint, "services.json")
    if not isinstance(data, list):
        raise RemoteError("services.json did not return a list of services")
    return data


def post_request(endpoint, form: list[tuple[str, str]]) -> dict:
    """POST requests.json; the first `request` of the answer (service_request_id or token)."""
    data = call(endpoint, "requests.json", form=[("api_key", endpoint.api_key), *form])
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise RemoteError("requests.json did not return a service request")
    return data[0]


def token(endpoint, value: str) -> str:
    data = call(endpoint, f"tokens/{urllib.parse.quote(value)}.json")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        return str(data[0].get("service_request_id") or "")
    return ""


def get_request(endpoint, remote_id: str) -> dict:
    data = call(endpoint, f"requests/{urllib.parse.quote(remote_id)}.json",
                params={"extensions": "true"})
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise RemoteError("requests/{id}.json did not return the service request")
    return data[0]


def updates(endpoint, *, start_date: str) -> list[dict]:
    """mySociety's servicerequestupdates since `start_date` (W3C datetime)."""
    data = call(endpoint, "servicerequestupdates.json", params={"start_date": start_date})
    if not isinstance(data, list):
        raise RemoteError("servicerequestupdates.json did not return a list")
    return [u for u in data if isinstance(u, dict)]


def post_update(endpoint, form: list[tuple[str, str]]) -> dict:
    """POST servicerequestupdates.json (mySociety); the first `request_update` back."""
    data = call(endpoint, "servicerequestupdates.json",
                form=[("api_key", endpoint.api_key), *form])
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise RemoteError("servicerequestupdates.json did not return a request_update")
    return data[0]
