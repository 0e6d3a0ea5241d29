"""The QR plates (plakat menara) as a PDF to print: one A5 page per tower, its QR code
opening the tower's public page (and "Laporkan masalah menara ini"), its code in letters
an officer can type, the owner and the office. Typst with the documents' own fonts and
letterhead logo: nothing fetched while rendering."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import segno
import typst
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from balai.documents.render import FONTS_DIR, letterhead_logo
from balai.towers.models import Tower

TEMPLATE = Path(__file__).resolve().parent / "templates" / "towers" / "typst" / "plates.typ"
MAX_PLATES = 500  # one print run; a larger registry is printed by kelurahan or status


def public_url(tower: Tower) -> str:
    return settings.SITE_URL + reverse("towers:public", args=[tower.code])


def plates_pdf(towers: Iterable[Tower]) -> bytes:
    """The plates of `towers` (a planned tower has no plate: it has no public page yet)."""
    towers = [t for t in towers if t.status != Tower.Status.PLANNED][:MAX_PLATES]
    installation = settings.BALAI_INSTALLATION
    with tempfile.TemporaryDirectory(prefix="balai-plates-") as tmp:
        root = Path(tmp)
        logo = letterhead_logo()
        shutil.copyfile(logo, root / f"logo{logo.suffix.lower()}")
        plates = []
        for n, tower in enumerate(towers):
            url = public_url(tower)
            segno.make(url, error="m").save(root / f"qr-{n}.svg", scale=4, border=2)
            plates.append({"code": tower.code, "owner": tower.company.name,
                           "url": url.split("://", 1)[-1], "qr": f"qr-{n}.svg"})
        (root / "data.json").write_text(json.dumps({
            "pemda": installation.get("pemda_name", ""),
            "office": installation.get("office_name", ""),
            "logo": f"logo{logo.suffix.lower()}",
            "title": _("Telecommunication tower"),
            "hint": _("Scan to see this tower or report a problem"),
            "plates": plates}), encoding="utf-8")
        shutil.copyfile(TEMPLATE, root / "main.typ")
        return typst.compile(str(root / "main.typ"), root=str(root),
                             font_paths=[str(FONTS_DIR)], ignore_system_fonts=True)
