"""Staff two-factor login (TOTP, DESIGN.md §7): who must give a code, and the QR code.

`STAFF_2FA` decides: "required" (production) sends every officer without an
authenticator app to enrol and asks enrolled ones for a code; "optional" (the demo)
asks only officers who have enrolled. Citizens are never asked.
"""

from __future__ import annotations

import base64
import math
from enum import StrEnum
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

REQUIRED = "required"
OPTIONAL = "optional"
MODES = (REQUIRED, OPTIONAL)
BACKUP_CODE_COUNT = 10
# Whether the user had a confirmed authenticator app when this session logged in; saves a
# query on every staff request in "optional" mode.
SESSION_ENROLLED_KEY = "balai_2fa_enrolled"
SESSION_NEW_BACKUP_CODES_KEY = "balai_2fa_new_backup_codes"


class Step(StrEnum):
    VERIFY = "verify"
    ENROL = "enrol"


def mode() -> str:
    return settings.STAFF_2FA if settings.STAFF_2FA in MODES else REQUIRED


def needs_second_factor(user) -> bool:
    """Officers and anyone with admin-site access; never citizens."""
    return bool(getattr(user, "is_authenticated", False)
                and (getattr(user, "is_officer", False) or user.is_staff))


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(request) -> Step | None:
    """What this session must do before staff pages open: verify, enrol, or nothing."""
    user = request.user
    if not needs_second_factor(user):
        return None
    # Right after the password step request.user is the bare user, not yet wrapped by
    # django-otp's middleware: unverified.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    enrolled = request.session.get(SESSION_ENROLLED_KEY)
    if enrolled is None:
        enrolled = has_authenticator(user)
        request.session[SESSION_ENROLLED_KEY] = enrolled
    if enrolled:
        return Step.VERIFY
    return Step.ENROL if mode() == REQUIRED else None


def step_url(step: Step, next_url: str = "") -> str:
    url = reverse("accounts:verify" if step == Step.VERIFY else "accounts:enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def remember_enrolment(request, user) -> None:
    """On login: note whether the user has an authenticator app (see SESSION_ENROLLED_KEY)."""
    if needs_second_factor(user):
        request.session[SESSION_ENROLLED_KEY] = has_authenticator(user)


def throttle_wait_seconds(device) -> int:
    """Seconds until django-otp's back-off lets this device check a code again (0: now)."""
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def b32_key(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def readable_key(device: TOTPDevice) -> str:
    """The key in groups of four, for typing into an app by hand."""
    key = b32_key(device)
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI that authenticator apps read from the QR code."""
    issuer = settings.BALAI_INSTALLATION.get("short_name", "balai").replace(":", "")
    label = quote(f"{issuer}:{device.user.email}")
    params = urlencode({"secret": b32_key(device), "issuer": issuer, "algorithm": "SHA1",
                        "digits": device.digits, "period": device.step}, quote_via=quote)
    return f"otpauth://totp/{label}?{params}"


def qr_svg(data: str, *, title: str = "") -> str:
    """An inline SVG QR code (no image request, no CDN, nothing for the CSP to block)."""
    return segno.make(data, error="m").svg_inline(
        scale=5, border=4, omitsize=True, title=title or None, svgclass="qr-code",
        lineclass=None, dark="#000", light="#fff")


def normalise_backup_code(raw: str) -> str:
    return "".join(ch for ch in raw.lower() if ch.isalnum())


def backup_code_digest(code: str) -> str:
    """What is stored for a backup code: a keyed hash, never the code.

    django-otp compares stored tokens as they are, so the code typed is hashed the same
    way before the lookup. A code has 40 random bits: an unkeyed hash of a leaked table
    could be brute-forced, a hash keyed with SECRET_KEY cannot (16 hex digits fit the
    token column). Rotating SECRET_KEY therefore voids the backup codes: staff renew them.
    """
    return salted_hmac("balai.accounts.backup_code", normalise_backup_code(code)
                       ).hexdigest()[:16]
