"""The lembar disposisi PDF: rendered through documents.render.typst_pdf with the letterhead."""

from django.urls import reverse

from balai.core.tests.programs import pdf_text
from balai.correspondence import services
from balai.correspondence.models import Instruction
from balai.correspondence.tests.factories import letter


def test_disposition_sheet_prints_the_letterhead_the_letter_and_its_tree(
        client, office, settings, tmp_path):
    made = letter(office, subject="Permohonan narasumber literasi digital")
    services.letter_dispose(letter=made, recipients=[office.kabid_ikp],
                            instructions=[Instruction.ATTEND], notes="Hadir", workdays=3,
                            actor=office.head)
    client.force_login(office.head)
    response = client.get(reverse("correspondence:disposition_sheet", args=[made.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = pdf_text(pdf, layout=True)
    office_name = settings.BALAI_INSTALLATION["office_name"].upper()
    for expected in ("LEMBAR DISPOSISI", office_name, made.agenda_label,
                     "Permohonan narasumber literasi digital", "Kabid IKP", "Hadiri / wakili"):
        assert expected in text, expected
