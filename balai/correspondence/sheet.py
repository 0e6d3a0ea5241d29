"""The lembar disposisi as a PDF, in Typst with the letterhead and fonts of documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.utils import timezone

from balai.correspondence.models import IncomingLetter, Instruction, Urgency
from balai.documents.render import place, typst_pdf
from balai.documents.text import tanggal_indonesia

TEMPLATE = Path(__file__).resolve().parent / "templates" / "correspondence" / "typst" / \
    "disposition.typ"
# What the sheet prints, in the words of Indonesian offices (the PDF is always Indonesian).
URGENCY_ID = {Urgency.BIASA: "Biasa", Urgency.SEGERA: "Segera",
              Urgency.SANGAT_SEGERA: "Sangat segera"}
SECURITY_ID = {"biasa": "Biasa", "terbatas": "Terbatas", "rahasia": "Rahasia"}
INSTRUCTION_ID = {
    Instruction.FOLLOW_UP: "Tindak lanjuti", Instruction.STUDY: "Pelajari dan laporkan",
    Instruction.COORDINATE: "Koordinasikan", Instruction.ATTEND: "Hadiri / wakili",
    Instruction.ANSWER: "Siapkan jawaban", Instruction.FILE: "Untuk diketahui / arsip",
    Instruction.DISCUSS: "Bicarakan dengan saya"}
STATUS_ID = {"open": "Belum ditindaklanjuti", "forwarded": "Diteruskan",
             "answered": "Dijawab", "closed": "Selesai"}


def _day(value: date | None) -> str:
    return tanggal_indonesia(value) if value else "-"


def disposition_sheet_pdf(letter: IncomingLetter, tree, *, today: date) -> bytes:
    """The sheet of `letter` with its disposition `tree` ((disposition, depth) pairs)."""
    used = {code for d, _depth in tree for code in d.instructions}
    rows = [{
        "no": str(i), "sender": d.sender.get_full_name(),
        "recipient": ("↳ " * depth) + d.recipient.get_full_name(),
        "instruction": "; ".join([INSTRUCTION_ID.get(c, c) for c in d.instructions]
                                 + ([d.notes] if d.notes else [])),
        "due": d.due_on.strftime("%d/%m/%Y"),
        "status": STATUS_ID.get(d.status, d.status)
        + (f" ({timezone.localtime(d.read_at):%d/%m})" if d.read_at else ""),
    } for i, (d, depth) in enumerate(tree, start=1)]
    data = {
        "agenda": letter.agenda_label, "sender": letter.sender_name,
        "letter_number": letter.letter_number or "-", "letter_date": _day(letter.letter_date),
        "received_on": _day(timezone.localdate(letter.received_at)),
        "classification": letter.classification.code if letter.classification else "-",
        "security": SECURITY_ID[letter.security], "subject": letter.subject,
        "urgencies": [[label, letter.urgency == value] for value, label in URGENCY_ID.items()],
        "instructions": [[label, value in used] for value, label in INSTRUCTION_ID.items()],
        "rows": rows, "printed_on": tanggal_indonesia(today), "place": place(),
        "head_title": letter.addressee.title, "head_name": letter.addressee.user.get_full_name(),
    }
    return typst_pdf(TEMPLATE, data, letterhead=True)
