"""Programs some tests drive (poppler's pdftotext and pdftoppm, PostgreSQL's client tools).

`make test` installs them where it can (root and apt-get); where they are missing a test
that needs one is skipped with the reason, never failed by a FileNotFoundError.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGES = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils",
            "pg_dump": "postgresql-client", "psql": "postgresql-client",
            "msgfmt": "gettext"}


def needs_program(program: str) -> str:
    """The program's path, or skip the calling test and say which package provides it."""
    path = shutil.which(program)
    if path is None:
        package = PACKAGES.get(program, program)
        pytest.skip(f"{program} is not installed (Debian package {package}; `make test` "
                    "installs it when it runs as root with apt-get)")
    return path


def pdf_text(path: str | Path, *, layout: bool = False) -> str:
    """The text of a PDF as poppler's pdftotext reads it."""
    exe = needs_program("pdftotext")
    return subprocess.run([exe, *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
