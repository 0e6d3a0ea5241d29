"""The translation catalogues compile: a merge that breaks a .po file fails here, not at
the next `make messages`."""

import gettext
import subprocess
from pathlib import Path

import pytest

from balai.core.tests.programs import needs_program

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("**/locale/*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(p.parents[4])))
def test_catalogue_compiles_without_errors(po, tmp_path):
    msgfmt = needs_program("msgfmt")
    done = subprocess.run([msgfmt, "--check-format", "-o", str(tmp_path / "out.mo"), str(po)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(p.parents[4])))
def test_the_shipped_mo_says_what_its_po_says(po, tmp_path):
    """The .mo file is what Django reads: a .po edited without compiling shows English."""
    msgfmt = needs_program("msgfmt")
    fresh = tmp_path / "fresh.mo"
    subprocess.run([msgfmt, "-o", str(fresh), str(po)], check=True, capture_output=True)
    with fresh.open("rb") as a, po.with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(b)._catalog == gettext.GNUTranslations(a)._catalog, \
            f"{po.with_suffix('.mo')} is stale: run make messages"
