"""`balai complaints_mail < message.eml`: the MTA hook for the complaints address.

Postfix: `aduan: "|/opt/balai/bin/balai complaints_mail"` in /etc/aliases. Exit status 0
keeps the message (a draft, or an auto-reply dropped); 65 (EX_DATAERR) makes the MTA
bounce a message without a sender we can answer.
"""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from balai.intake.services import mail_receive


class Command(BaseCommand):
    help = "Read one raw e-mail (RFC 822) on standard input and keep it as a draft complaint."

    def handle(self, *args, **options):
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
