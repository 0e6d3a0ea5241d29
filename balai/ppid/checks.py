"""Start-up checks of the PPID configuration."""

import re

from django.conf import settings
from django.core.checks import Error, Tags, register

from balai.ppid.letters import LETTER_KINDS

# Permendagri 83/2022: a main class of three digits, then dotted sub-classes (500.12.3).
CLASSIFICATION_CODE = re.compile(r"^\d{3}(\.\d+)*$")


@register(Tags.compatibility)
def letter_classifications(app_configs, **kwargs):
    """Every kind of PPID letter has an archive classification code (issue 13, defect 4)."""
    configured = settings.PPID_LETTER_CLASSIFICATIONS
    missing = [kind for kind in LETTER_KINDS if not configured.get(kind, "").strip()]
    malformed = [f"{kind}={code}" for kind, code in configured.items()
                 if kind in LETTER_KINDS and code.strip()
                 and not CLASSIFICATION_CODE.match(code.strip())]
    errors = []
    if missing:
        errors.append(Error(
            "These kinds of PPID letter have no archive classification code: "
            + ", ".join(missing) + ".",
            hint="Set PPID_LETTER_CLASSIFICATIONS (kind=code,kind=code) to the codes your "
                 "archivist chose from Permendagri 83/2022, for every kind: "
                 + ", ".join(LETTER_KINDS) + ".",
            id="ppid.E001"))
    if malformed:
        errors.append(Error(
            "These archive classification codes are not codes of Permendagri 83/2022 "
            "(three digits, then dotted numbers): " + ", ".join(malformed) + ".",
            hint="Write each code as the list gives it, for example 500.12.",
            id="ppid.E002"))
    return errors
