"""Turn a letter's content into a PDF with Typst, using only the fonts shipped here."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import segno
import typst
from django.conf import settings
from django.contrib.staticfiles import finders

from balai.documents.text import tanggal_indonesia

HERE = Path(__file__).resolve().parent
FONTS_DIR = HERE / "fonts"
TEMPLATES_DIR = HERE / "templates" / "documents" / "typst"
# The letterhead's logo until the pemda's is configured: plainly marked DEMO.
DEMO_LOGO = HERE / "static" / "documents" / "logo-demo.png"


@dataclass
class Signer:
    """Who signs, as printed under the signature."""

    name: str
    position: str
    nip: str = ""
    rank: str = ""


def signer_for(user, *, position: str, configured: dict | None = None) -> Signer:
    """Who signs: the configured official if one is set, else the officer taking the action,
    with the position, NIP and rank of their staff profile (`position` if they have none)."""
    if configured and configured.get("name"):
        return Signer(name=configured["name"], position=configured.get("position") or position,
                      nip=configured.get("nip", ""), rank=configured.get("rank", ""))
    return Signer(name=user.get_full_name(), position=user.position or position,
                  nip=user.nip, rank=user.rank)


@dataclass
class Letter:
    """Everything printed on one letter; plain strings only."""

    number: str
    subject: str
    addressee: str
    body: list[str]
    signer: Signer
    issued_on: date
    verify_url: str
    addressee_place: str = ""
    nature: str = "Biasa"
    attachments: str = "-"
    # "Label : value" lines after the body (e.g. the requester's particulars).
    details: list[tuple[str, str]] = field(default_factory=list)
    table: dict | None = None  # {"header": [...], "rows": [[...], ...]}
    closing: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    specimen: bool = False


def installation() -> dict:
    return settings.BALAI_INSTALLATION


def letterhead_logo() -> Path:
    """The pemda's logo file if one is configured and found, else the DEMO logo."""
    return _configured_logo() or DEMO_LOGO


def _configured_logo() -> Path | None:
    """A local logo file, if one is configured: offline rendering never fetches URLs."""
    configured = settings.DOCUMENTS_LOGO_PATH or installation().get("logo", "")
    if not configured or "://" in configured:
        return None
    candidates = [Path(configured)]
    static_url = settings.STATIC_URL
    media_url = settings.MEDIA_URL
    if configured.startswith(media_url):
        candidates.append(Path(settings.MEDIA_ROOT) / configured[len(media_url):])
    if configured.startswith(static_url):
        found = finders.find(configured[len(static_url):])
        if found:
            candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and path.suffix.lower() in {".png", ".jpg", ".jpeg", ".svg"}:
            return path
    return None


def _office() -> dict:
    inst = installation()
    contacts = " · ".join(part for part in (
        f"Telp. {inst['phone']}" if inst.get("phone") else "",
        inst.get("email", ""),
        settings.SITE_URL.split("://")[-1],
    ) if part)
    return {
        "pemda_name": inst.get("pemda_name", ""),
        "office_name": inst.get("office_name", ""),
        "address": inst.get("address", ""),
        "contacts": contacts,
    }


def office() -> dict:
    """The letterhead's lines: pemda, office, address and contacts."""
    return _office()


def typst_pdf(template: Path, data: dict, *, letterhead: bool = False) -> bytes:
    """A Typst template compiled with `data` as data.json (read as plain strings, never as
    markup) in a scratch folder, with only the fonts shipped here; with `letterhead`, the
    pemda's logo is copied in and named in data["logo"] and the office in data["office"]."""
    data = dict(data)
    with tempfile.TemporaryDirectory(prefix="balai-typst-") as tmp:
        root = Path(tmp)
        if letterhead:
            logo = letterhead_logo()
            shutil.copyfile(logo, root / f"logo{logo.suffix.lower()}")
            data["logo"], data["office"] = f"logo{logo.suffix.lower()}", _office()
        (root / "data.json").write_text(json.dumps(data), encoding="utf-8")
        shutil.copyfile(template, root / "main.typ")
        return typst.compile(str(root / "main.typ"), root=str(root),
                             font_paths=[str(FONTS_DIR)], ignore_system_fonts=True)


def place() -> str:
    """The city in the date line: `city` if set, else the last part of the address."""
    inst = installation()
    return inst.get("city") or inst.get("address", "").split(",")[-1].strip()


def letter_render_pdf(letter: Letter) -> bytes:
    """Render `letter` to PDF bytes (layout per Permendagri 1/2023, Tata Naskah Dinas)."""
    data = {
        "office": _office(),
        "place": place(),
        "date": tanggal_indonesia(letter.issued_on),
        "number": letter.number,
        "nature": letter.nature,
        "attachments": letter.attachments,
        "subject": letter.subject,
        "addressee": letter.addressee,
        "addressee_place": letter.addressee_place,
        "body": list(letter.body),
        "details": list(letter.details),
        "table": letter.table,
        "closing": list(letter.closing),
        "copies": list(letter.copies),
        "signer": {"name": letter.signer.name, "position": letter.signer.position,
                   "nip": letter.signer.nip, "rank": letter.signer.rank},
        "verify_url": letter.verify_url,
        "footer_note": "Dokumen ini ditandatangani secara elektronik; keasliannya dapat "
                       "diperiksa di alamat berikut.",
        "specimen": letter.specimen,
        "logo": "",
    }
    with tempfile.TemporaryDirectory(prefix="balai-letter-") as tmp:
        root = Path(tmp)
        logo = letterhead_logo()
        shutil.copyfile(logo, root / f"logo{logo.suffix.lower()}")
        data["logo"] = f"logo{logo.suffix.lower()}"
        segno.make(letter.verify_url, error="m").save(root / "qr.svg", scale=4, border=0)
        (root / "data.json").write_text(json.dumps(data), encoding="utf-8")
        shutil.copyfile(TEMPLATES_DIR / "letter.typ", root / "main.typ")
        # PDF/A-2b by default: letters are archives (Peraturan ANRI 4/2021) and must
        # render the same in decades; the signature is added as an incremental update.
        standard = settings.DOCUMENTS_PDF_STANDARD
        return typst.compile(str(root / "main.typ"), root=str(root),
                             font_paths=[str(FONTS_DIR)], ignore_system_fonts=True,
                             pdf_standards=[standard] if standard else [])
