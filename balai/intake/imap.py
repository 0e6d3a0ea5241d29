"""Complaint e-mails read from a mailbox over IMAP: the other way in beside the MTA hook
(`balai complaints_mail`), for an office whose mail is hosted elsewhere.

Every unread message of the folder is kept as a draft by the same service as the hook
(`services.mail_receive`), then marked read. A run stopped between the two (a crash, a
lost connection) leaves the message unread; the next run reads it again, and the draft,
keyed by Message-ID, is not made twice. A message without a sender we can answer cannot
be bounced from here: it is marked read and counted as refused, with a warning in the log.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError

from balai.intake.services import mail_receive

logger = logging.getLogger("balai.intake.imap")

BATCH = 50  # messages a run; the rest waits for the next minute
TIMEOUT_S = 30


def imap_configured() -> bool:
    return bool(settings.INTAKE_IMAP_HOST)


def _connect() -> imaplib.IMAP4:
    cls = imaplib.IMAP4_SSL if settings.INTAKE_IMAP_SSL else imaplib.IMAP4
    imap = cls(settings.INTAKE_IMAP_HOST, settings.INTAKE_IMAP_PORT, timeout=TIMEOUT_S)
    imap.login(settings.INTAKE_IMAP_USER, settings.INTAKE_IMAP_PASSWORD)
    typ, data = imap.select(settings.INTAKE_IMAP_FOLDER)
    if typ != "OK":
        imap.logout()
        raise imaplib.IMAP4.error(f"cannot open folder {settings.INTAKE_IMAP_FOLDER}: {data}")
    return imap


def _raw(imap: imaplib.IMAP4, uid: bytes) -> bytes | None:
    # BODY.PEEK: reading does not mark it read; that is done once it is kept.
    typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    if typ != "OK":
        return None
    return next((item[1] for item in data or () if isinstance(item, tuple)), None)


def mail_imap_read(*, batch: int = BATCH) -> dict:
    """Read the mailbox's unread messages once (INTAKE_IMAP_HOST set: see
    `imap_configured`); returns what became of them."""
    counts = {"drafts": 0, "dropped": 0, "refused": 0}
    imap = _connect()
    try:
        typ, data = imap.uid("SEARCH", None, "UNSEEN")
        uids = (data[0] or b"").split()[:batch] if typ == "OK" and data else []
        for uid in uids:
            raw = _raw(imap, uid)
            if raw is None:  # deleted meanwhile by another client
                continue
            try:
                draft = mail_receive(raw=raw)
            except ValidationError as exc:
                logger.warning("IMAP message %s refused: %s", uid.decode(),
                               " ".join(exc.messages))
                counts["refused"] += 1
            else:
                counts["drafts" if draft else "dropped"] += 1
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            imap.logout()
    return counts
