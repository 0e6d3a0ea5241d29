"""`balai complaints_mail < message.eml`: the MTA hook for the complaints address;
`balai complaints_mail --imap`: read the IMAP mailbox once (the worker does so every
minute when INTAKE_IMAP_HOST is set).

Postfix: `aduan: "|/opt/balai/bin/balai complaints_mail"` in /etc/aliases. Exit status 0
keeps the message (a draft, or an auto-reply dropped); 65 (EX_DATAERR) makes the MTA
bounce a message without a sender we can answer.
"""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from balai.intake.imap import imap_configured, mail_imap_read
from balai.intake.services import mail_receive


class Command(BaseCommand):
    help = ("Read one raw e-mail (RFC 822) on standard input and keep it as a draft "
            "complaint; with --imap, the IMAP mailbox's unread messages.")

    def add_arguments(self, parser):
        parser.add_argument("--imap", action="store_true",
                            help="read the unread messages of the IMAP mailbox instead")

    def handle(self, *args, imap=False, **options):
        if imap:
            if not imap_configured():
                self.stderr.write("INTAKE_IMAP_HOST is not set: no mailbox to read.")
                sys.exit(78)  # EX_CONFIG
            counts = mail_imap_read()
            self.stdout.write(f"{counts['drafts']} draft(s), {counts['dropped']} auto-reply "
                              f"or bounce dropped, {counts['refused']} without a sender")
            return
        raw = sys.stdin.buffer.read()
        try:
            draft = mail_receive(raw=raw)
        except ValidationError as exc:
            self.stderr.write(" ".join(exc.messages))
            sys.exit(65)
        if draft is None:
            self.stdout.write("auto-reply or bounce: dropped")
        else:
            self.stdout.write(f"draft {draft.pk}: {draft.photos.count()} photo(s)")
