"""Per-client rate limits on public forms, counted in the cache (Redis at scale)."""

from __future__ import annotations

import time

from django.core.cache import cache


def client_ip(request) -> str:
    # Behind nginx the proxy sets X-Forwarded-For; only its first hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() if forwarded else "") or \
        request.META.get("REMOTE_ADDR", "")


def hit(key: str, *, limit: int, window_s: int) -> bool:
    """Count one hit for `key`; True while the key stays within `limit` per window."""
    bucket = f"rl:{key}:{int(time.time() // window_s)}"
    if cache.add(bucket, 1, timeout=window_s + 5):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window_s + 5)
        return True
    return count <= limit
