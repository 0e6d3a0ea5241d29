"""Who may see a letter: its security class and its disposition tree, nothing else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from balai.correspondence import services
from balai.correspondence.models import Instruction, Security
from balai.correspondence.tests.factories import letter

PDF = b"%PDF-1.4\n% scan\n"
ROOT_PERSONAS = ["warga", "verifikator", "operator_opd", "operator_other_opd", "petugas_ppid",
                 "atasan_ppid", "kepala_dinas", "admin"]
SUBJECT = "Rencana operasi pengamanan pusat data"


@pytest.fixture
def rahasia(office):
    made = letter(office, subject=SUBJECT, security=Security.RAHASIA,
                  scan=SimpleUploadedFile("scan.pdf", PDF))
    services.letter_dispose(letter=made, recipients=[office.kabid_aptika],
                            instructions=[Instruction.STUDY], notes="", workdays=3,
                            actor=office.head)
    kabid_disposition = made.dispositions.get()
    services.disposition_forward(disposition=kabid_disposition,
                                 recipients=[office.staff_aptika1],
                                 instructions=[Instruction.FOLLOW_UP], notes="Segera",
                                 workdays=2, actor=office.kabid_aptika)
    return made


def _sees(client, user, made) -> dict:
    client.force_login(user)
    index = client.get(reverse("correspondence:index"))
    search = client.get(reverse("correspondence:index"), {"q": "pusat data"})
    detail = client.get(reverse("correspondence:detail", args=[made.pk]))
    scan = client.get(reverse("correspondence:scan", args=[made.pk]))
    export = client.get(reverse("correspondence:agenda_export"))
    sheet = client.get(reverse("correspondence:disposition_sheet", args=[made.pk]))
    exported = ""
    if export.status_code == 200:
        content = (b"".join(export.streaming_content) if export.streaming
                   else export.content)
        book = load_workbook(io.BytesIO(content))
        exported = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
    return {
        "list": index.status_code == 200 and SUBJECT in index.content.decode(),
        "search": search.status_code == 200 and SUBJECT in search.content.decode(),
        "detail": detail.status_code == 200,
        "scan": scan.status_code == 200,
        "export": SUBJECT in exported,
        "sheet": sheet.status_code == 200,
    }


def test_rahasia_letter_is_invisible_to_every_persona_outside_its_tree(
        client, request, office, rahasia):
    outsiders = [request.getfixturevalue(name) for name in ROOT_PERSONAS] + [
        office.kabid_ikp, office.staff_ikp1, office.staff_ikp2, office.staff_aptika2,
        office.front]
    for user in outsiders:
        seen = _sees(client, user, rahasia)
        assert not any(seen.values()), (user.email, seen)
    for user in (office.head, office.kabid_aptika, office.staff_aptika1):
        seen = _sees(client, user, rahasia)
        assert all(seen.values()), (user.email, seen)


def test_terbatas_letter_is_seen_by_the_front_office_and_the_tree_only(client, office):
    made = letter(office, subject="Data kepegawaian terbatas", security=Security.TERBATAS)
    client.force_login(office.front)
    assert client.get(reverse("correspondence:detail", args=[made.pk])).status_code == 200
    client.force_login(office.kabid_ikp)
    assert client.get(reverse("correspondence:detail", args=[made.pk])).status_code == 404
    client.force_login(office.head)
    assert client.get(reverse("correspondence:detail", args=[made.pk])).status_code == 200


def test_biasa_letter_is_seen_by_every_official_of_the_office_but_not_others(
        client, office, operator_other_opd):
    made = letter(office, subject="Undangan sosialisasi")
    client.force_login(office.staff_ikp2)
    assert client.get(reverse("correspondence:detail", args=[made.pk])).status_code == 200
    client.force_login(operator_other_opd)
    assert client.get(reverse("correspondence:detail", args=[made.pk])).status_code == 403


def test_the_front_office_agenda_book_masks_a_rahasia_row_and_keeps_its_number(
        client, office, rahasia):
    letter(office, subject="Undangan rapat biasa")
    client.force_login(office.front)
    export = client.get(reverse("correspondence:agenda_export"))
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content) if export.streaming
                                    else export.content))
    rows = [[c.value for c in row] for row in book.active.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == [rahasia.agenda_label, rahasia.agenda_label.replace(
        "0001/", "0002/")]  # no gap in the book
    masked = rows[0]
    assert masked[2] == masked[3] == masked[5] == masked[9] == "(rahasia)"
    assert masked[7] == rahasia.get_security_display()
    assert SUBJECT not in " ".join(str(v) for r in rows for v in r)
    page = client.get(reverse("correspondence:index")).content.decode()
    assert "Surat rahasia" in page and rahasia.agenda_label in page and SUBJECT not in page
    assert reverse("correspondence:detail", args=[rahasia.pk]) not in page
    # A search on content never finds the masked row (it would tell what it says).
    found = client.get(reverse("correspondence:index"), {"q": "pusat data"}).content.decode()
    assert rahasia.agenda_label not in found
