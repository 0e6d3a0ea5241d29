from django.core.management.base import BaseCommand

from balai.documents.signing import demo_ca_create, demo_dir


class Command(BaseCommand):
    help = "Create the demo CA and signer (marked SPESIMEN / DEMO) used when no P12 is set."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Replace an existing demo CA (old letters stop validating).")
        parser.add_argument("--signer-name", default="")

    def handle(self, *args, force=False, signer_name="", **options):
        ca, p12 = demo_ca_create(directory=demo_dir(), signer_name=signer_name, force=force)
        # The passphrase is derived from SECRET_KEY and deliberately not printed.
        self.stdout.write(self.style.SUCCESS(f"Demo CA: {ca}\nDemo signer: {p12}"))
