"""Private files (permit scans, inspection originals) served to staff only."""

from django.http import FileResponse


def private_file_response(fh, *, content_type: str, filename: str, inline: bool = False):
    response = FileResponse(fh, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
