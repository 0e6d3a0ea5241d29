"""Secrets kept encrypted at rest (an outside body's API key): Fernet from `cryptography`.

`cryptography` is already installed for pyHanko and Fernet is its high-level recipe
(AES-128-CBC + HMAC-SHA256, a timestamped token), so no field library is added: the
maintained ones wrap the same recipe. Keys come from `FIELD_ENCRYPTION_KEYS` (comma list,
the first encrypts, every one decrypts: rotate by putting a new key first); unset, one key
is derived from SECRET_KEY with HKDF, so changing SECRET_KEY makes stored secrets
unreadable (they must be entered again).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was encrypted with a key this installation no longer has."""


def _derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"balai.core.crypto",
                info=b"field-encryption")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.FIELD_ENCRYPTION_KEYS if k.strip()]
    return MultiFernet([Fernet(k) for k in keys] or [Fernet(_derived_key())])


def encrypt(plaintext: str) -> str:
    """A token to store; "" stays "" (no secret set)."""
    return _fernet().encrypt(plaintext.encode()).decode() if plaintext else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("the stored secret cannot be decrypted with the configured "
                               "keys") from None
