"""Letters for the correspondence tests, registered through the service."""

from balai.correspondence import attachments, outgoing, services
from balai.correspondence.models import OutgoingKind, Position, Security


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


def signed_letter(office, classification, *, attach=()):
    """A nota dinas by a staff member, approved by their kabid and signed by the head (the
    server key), with the uploads in `attach` attached before review."""
    draft = outgoing.outgoing_create(
        kind=OutgoingKind.NOTA_DINAS, subject="Jadwal pemeliharaan jaringan",
        addressees="Kepala Bidang Aptika\nDinas Pendidikan", copies="Kepala Bidang IKP",
        body="Dengan hormat, kami sampaikan jadwal pemeliharaan jaringan.",
        classification=classification, signer=office.head, reviewers=[office.kabid_ikp],
        actor=office.staff_ikp1)
    for upload in attach:
        attachments.attachment_add(letter=draft, upload=upload, actor=office.staff_ikp1)
    outgoing.outgoing_submit(letter=draft, actor=office.staff_ikp1)
    outgoing.outgoing_approve(letter=draft, actor=office.kabid_ikp)
    outgoing.outgoing_sign(letter=draft, passphrase="", actor=office.head)
    draft.refresh_from_db()
    return draft
