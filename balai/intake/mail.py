"""A complaint e-mail read from its raw RFC 822 bytes (no ORM): sender, subject, text and
the image attachments, whatever the MIME nesting (multipart/mixed, alternative, related,
forwarded parts)."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage

from django.utils.html import strip_tags

MAX_RAW_BYTES = 40 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedMail:
    message_id: str
    sender_email: str
    sender_name: str
    subject: str
    body: str
    images: list[Attachment] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    automatic: bool = False  # an auto-reply, bounce or list mail: never a complaint


def _sender(msg: EmailMessage) -> tuple[str, str]:
    header = msg.get("Reply-To") or msg.get("From")
    try:
        addresses = list(getattr(header, "addresses", ()) or ())
    except (TypeError, ValueError):
        addresses = []
    first: Address | None = addresses[0] if addresses else None
    if first is None or not first.addr_spec or "@" not in first.addr_spec:
        return "", ""
    return first.addr_spec.strip().lower(), (first.display_name or "").strip()


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        content = part.get_payload(decode=True).decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        content = strip_tags(re.sub(r"(?i)<br\s*/?>|</p>", "\n", content))
    lines = [line.rstrip() for line in content.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse(raw: bytes) -> ParsedMail:
    msg = email.message_from_bytes(raw[:MAX_RAW_BYTES], policy=email.policy.default)
    sender_email, sender_name = _sender(msg)
    message_id = str(msg.get("Message-ID") or "").strip()[:300]
    if not message_id:  # an MTA that added none: the same bytes are the same message
        message_id = "sha256:" + hashlib.sha256(raw).hexdigest()
    auto = str(msg.get("Auto-Submitted") or "no").strip().lower()
    precedence = str(msg.get("Precedence") or "").strip().lower()
    parsed = ParsedMail(
        message_id=message_id, sender_email=sender_email, sender_name=sender_name[:200],
        subject=" ".join(str(msg.get("Subject") or "").split())[:300], body=_text(msg),
        automatic=auto != "no" or precedence in {"bulk", "junk", "list"}
        or msg.get_content_type() == "multipart/report")
    for part in msg.walk():
        if part.is_multipart() or part is msg:
            continue
        disposition = part.get_content_disposition()
        filename = part.get_filename() or ""
        if part.get_content_maintype() == "image" and (disposition or filename):
            data = part.get_payload(decode=True) or b""
            parsed.images.append(Attachment(name=filename or "lampiran",
                                            content_type=part.get_content_type(), data=data))
        elif disposition == "attachment":
            parsed.other_files.append(filename or part.get_content_type())
    return parsed
