"""Private files (permit scans, inspection originals) served to staff only."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404

from balai.documents.models import IssuedDocument
from balai.documents.storage import pdf_read
from balai.towers.views._common import tower_staff


def private_file_response(fh, *, content_type: str, filename: str, inline: bool = False):
    response = FileResponse(fh, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


TOWER_LETTER_KINDS = (IssuedDocument.Kind.TOWER_RECOMMENDATION, IssuedDocument.Kind.TOWER_NOTICE,
                      IssuedDocument.Kind.LEVY_ASSESSMENT, IssuedDocument.Kind.LEVY_REMINDER)


@login_required
def tower_letter(request, uuid):
    """A letter the tower service issued (recommendation, notice, SKRD, surat teguran), for
    the tower staff to print: the stored bytes, identical to what was issued."""
    tower_staff(request)
    document = get_object_or_404(IssuedDocument.objects.select_related("number"), uuid=uuid,
                                 kind__in=TOWER_LETTER_KINDS)
    response = HttpResponse(pdf_read(document.pdf_path), content_type="application/pdf")
    name = document.number.full_number.replace("/", "-").replace(".", "_")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
