"""The Indonesian catalogues: a translation never repeats itself (an earlier merge of
catalogues glued the same msgstr together up to five times, so a citizen read "Surat Anda
tercatat ..." five times over)."""

import re
from pathlib import Path

import balai

STRING = re.compile(r'^(msgid|msgstr(?:\[\d\])?) "(.*)"$')


def _translations(path: Path):
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if "#~" in block:
            continue
        found, current = {}, None
        for line in block.splitlines():
            match = STRING.match(line)
            if match:
                current = match.group(1)
                found[current] = match.group(2)
            elif line.startswith('"') and current:
                found[current] += line[1:-1]
        for key, text in found.items():
            if key.startswith("msgstr"):
                yield found.get("msgid", ""), text


def _repeated(text: str) -> bool:
    return len(text) > 10 and any(
        len(text) % k == 0 and text == text[: len(text) // k] * k for k in range(2, 9))


def test_no_translation_repeats_itself():
    root = Path(balai.__file__).parent
    bad = [(str(po.relative_to(root)), msgid[:60])
           for po in sorted(root.glob("**/locale/*/LC_MESSAGES/django.po"))
           for msgid, text in _translations(po) if _repeated(text)]
    assert bad == []
