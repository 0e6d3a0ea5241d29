"""Per-client rate limits on public forms, counted in a cache all processes share."""

from __future__ import annotations

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The address of the client, as far as it can be known.

    `X-Forwarded-For` is believed only when the connection comes from one of
    TRUSTED_PROXIES, and then read from the right: each trusted proxy appends the address
    it received from, so the right-most address that is not a trusted proxy is the client.
    Anything to its left was written by the client and proves nothing (issue 12: a forged
    first entry bypassed every limit).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if _is_trusted_proxy(hop):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # a mangled header: count the proxy, not a made-up client
    return remote


def hit(key: str, *, limit: int, window_s: int) -> bool:
    """Count one hit for `key`; True while the key stays within `limit` per window."""
    cache = caches["ratelimit"]  # shared by every process (Redis, or files on one host)
    bucket = f"rl:{key}:{int(time.time() // window_s)}"
    if cache.add(bucket, 1, timeout=window_s + 5):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window_s + 5)
        return True
    return count <= limit
