"""Programs some tests drive: Chromium (browser tests), poppler's pdftotext and pdftoppm,
msgfmt, PostgreSQL's client tools.

The one skip helper of the suite (the root conftest.py uses it for Chromium): `make test`
installs chromium and poppler-utils where it can (root and apt-get); where a program is
missing, a test that needs one is skipped with the reason, never failed by a
FileNotFoundError. Call `needs_program` before starting the program, or read PDFs with
`pdf_text`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGES = {"chromium": "chromium",
            "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils",
            "pg_dump": "postgresql-client", "pg_restore": "postgresql-client",
            "psql": "postgresql-client", "msgfmt": "gettext"}
MAKE_TEST_INSTALLS = {"chromium", "poppler-utils"}  # the Makefile's system-packages


def needs_program(program: str) -> str:
    """The program's path, or skip the calling test and say which package provides it."""
    path = shutil.which(program)
    if path is None:
        package = PACKAGES.get(program, program)
        how = ("`make test` installs it when it runs as root with apt-get"
               if package in MAKE_TEST_INSTALLS else f"apt-get install {package}")
        pytest.skip(f"{program} is not installed (Debian package {package}; {how})")
    return path


def pdf_text(path: str | Path, *, layout: bool = False) -> str:
    """The text of a PDF as poppler's pdftotext reads it."""
    exe = needs_program("pdftotext")
    return subprocess.run([exe, *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
