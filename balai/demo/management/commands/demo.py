from django.core.management.base import BaseCommand

from balai.accounts import two_factor
from balai.demo.loader import DEMO_PASSWORD, PERSONAS, demo_is_loaded, load_demo_city


class Command(BaseCommand):
    help = "Load the demo city (Kota Malang): agencies, demo accounts, boundaries, roads."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the demo city is already loaded")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--logins", action="store_true",
                            help="Only print the demo logins")

    def handle(self, *args, if_empty, no_progress, logins, **options):
        if not logins:
            if if_empty and demo_is_loaded():
                self.stdout.write("The demo city is already loaded; keeping its data.")
            else:
                report = load_demo_city(stdout=self.stdout, progress=not no_progress)
                self.stdout.write(self.style.SUCCESS(
                    f"Demo city loaded: {report.agencies} agencies, "
                    f"{report.users_created} new accounts, {report.categories} complaint "
                    f"categories, {report.complaints} new demo complaints, "
                    f"{report.ppid_requests} new demo information requests, "
                    f"{report.letters} new demo letters "
                    f"({len(report.late)} of the cases are past their deadline by design)."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for email, name, role, _places in PERSONAS:
            self.stdout.write(f"  {role:<17} {email:<32} {name}")
        if two_factor.mode() == two_factor.OPTIONAL:
            self.stdout.write("Two-step verification is optional (STAFF_2FA=optional): the "
                              "password is enough; staff may set up an authenticator app at "
                              "/akun/dua-langkah/.")
        else:
            self.stdout.write("Two-step verification is required (STAFF_2FA=required): each "
                              "staff account sets up an authenticator app at its first "
                              "log-in. `make run` sets STAFF_2FA=optional.")
