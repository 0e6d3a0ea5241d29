"""Letters for the correspondence tests, registered through the service."""

from balai.correspondence import services
from balai.correspondence.models import Position, Security


def letter(office, *, subject="Undangan rapat koordinasi", security=Security.BIASA,
           classification=None, now=None, scan=None, **extra):
    made, _secret = services.incoming_register(
        submission=services.IncomingSubmission(
            sender_name=extra.pop("sender_name", "Bappeda Kota"), subject=subject,
            addressee=Position.objects.get(user=office.head), security=security,
            classification=classification, letter_number=extra.pop("letter_number",
                                                                     "005/123/BAPPEDA/2026"),
            **extra),
        scan=scan, actor=office.front, now=now)
    return made
