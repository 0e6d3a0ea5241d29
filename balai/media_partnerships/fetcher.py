"""The bounded fetcher of proof-of-publication pages.

An outlet gives a URL; balai fetches it once, at that moment, and keeps what it got. A URL
is somebody else's input, so the fetch is bounded: http and https only, a timeout on every
connection and read and a deadline for the whole fetch, a size limit, at most five
redirects, and no private, loopback, link-local, multicast or reserved address (the cloud
metadata service at 169.254.169.254, the office's intranet) after DNS resolution and on
every redirect hop. The connection goes to the address that was checked, not to a second
resolution of the name (no DNS rebinding). Loopback is allowed only where
MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK says so (tests run a local server).
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "balai-proof-fetcher/1 (+bukti tayang kemitraan media)"


class FetchRefused(ValidationError):
    """A URL the fetcher will not fetch, or a fetch that failed: the message says why."""


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def text(self) -> str:
        charset = "utf-8"
        if "charset=" in self.content_type:
            charset = self.content_type.split("charset=", 1)[1].split(";")[0].strip() or charset
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def address_allowed(address: str, *, allow_loopback: bool) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local
                                 or ip.is_private or ip.is_unspecified)


def _vetted_address(host: str, port: int, *, allow_loopback: bool) -> str:
    """The first address `host` resolves to, once every address it resolves to is allowed
    (a name with one public and one private address is refused)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(_("The address %(host)s could not be found.") % {"host": host},
                           code="dns") from exc
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        if not address_allowed(address, allow_loopback=allow_loopback):
            raise FetchRefused(_("%(host)s leads to a private or local network address "
                                 "(%(address)s); only public pages can be proof.")
                               % {"host": host, "address": address}, code="private")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _split(url: str):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(_("Give the address of a web page, starting with https:// or "
                             "http://."), code="scheme")
    if parts.username or parts.password:
        raise FetchRefused(_("The address may not contain a user name or password."),
                           code="credentials")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def fetch_page(url: str, *, timeout: float, max_bytes: int, allow_loopback: bool = False,
               now: datetime | None = None) -> FetchedPage:
    """Fetch `url` within the bounds above; FetchRefused says why it was not fetched."""
    deadline = time.monotonic() + timeout * 3
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _split(current)
        address = _vetted_address(host, port, allow_loopback=allow_loopback)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout)
        try:
            connection.request("GET", path, headers={
                "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml",
                "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in REDIRECTS:
                location = response.getheader("Location", "")
                if not location:
                    raise FetchRefused(_("The page redirects without saying where."),
                                       code="redirect")
                current = urljoin(current, location)
                continue
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise FetchRefused(_("The page took too long to load."), code="timeout")
                chunk = response.read(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise FetchRefused(_("The page is larger than %(mb)s MB.")
                                       % {"mb": round(max_bytes / 1_000_000, 1)},
                                       code="too_big")
            if response.status != 200:
                raise FetchRefused(_("The page answered with HTTP status %(status)s, not a "
                                     "published page.") % {"status": response.status},
                                   code="status")
            return FetchedPage(url=url, final_url=current, status=response.status,
                               content_type=response.getheader("Content-Type", ""),
                               body=bytes(body), fetched_at=now or timezone.now())
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise FetchRefused(_("The page took too long to load."),
                                   code="timeout") from exc
            raise FetchRefused(_("The page could not be loaded (%(error)s).")
                               % {"error": type(exc).__name__}, code="network") from exc
        finally:
            connection.close()
    raise FetchRefused(_("The page redirects more than %(n)s times.") % {"n": MAX_REDIRECTS},
                       code="redirects")
