"""`balai send_test_notification --channel whatsapp --to 0812…`: check a channel end to end."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from balai.notifications.models import Outbox
from balai.notifications.services import notification_enqueue, outbox_deliver


class Command(BaseCommand):
    help = "Send the 'uji_kirim' test message on one channel and report the outcome."

    def add_arguments(self, parser):
        parser.add_argument("--channel", required=True, choices=Outbox.Channel.values)
        parser.add_argument("--to", required=True, dest="recipient",
                            help="E-mail address, phone number, chat id or webhook URL")
        parser.add_argument("--queue", action="store_true",
                            help="Only queue it for the worker instead of sending now")

    def handle(self, *args, channel, recipient, queue, **options):
        try:
            outbox = notification_enqueue(channel=channel, recipient=recipient,
                                          template="uji_kirim",
                                          context={"saluran": Outbox.Channel(channel).label,
                                                   "dikirim_oleh": "balai send_test_notification"})
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if queue:
            self.stdout.write(f"Queued outbox #{outbox.pk} for the worker.")
            return
        # Sending now, in this process; the queued task then finds the row already sent.
        outbox_deliver(outbox_id=outbox.pk)
        outbox.refresh_from_db()
        if outbox.status == Outbox.Status.SENT:
            self.stdout.write(self.style.SUCCESS(
                f"Sent outbox #{outbox.pk} (provider id {outbox.provider_message_id or '-'})."))
        else:
            raise CommandError(f"Outbox #{outbox.pk} is {outbox.status}: {outbox.last_error}")
