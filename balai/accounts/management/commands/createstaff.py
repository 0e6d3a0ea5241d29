import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from balai.accounts.models import Role
from balai.accounts.services import user_create_staff


class Command(BaseCommand):
    help = "Create an officer account: balai createstaff EMAIL --role verifikator"

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--name", default="", help="Full name")
        parser.add_argument("--phone", default="")
        parser.add_argument("--password", help="Read from the prompt when omitted")
        parser.add_argument("--admin-site", action="store_true",
                            help="Also allow access to the configuration (admin) site")

    def handle(self, *args, email, role, name, phone, password, admin_site, **options):
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = user_create_staff(email=email, password=password, full_name=name or email,
                                     role=role, phone=phone, admin_site=admin_site)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.email} ({user.get_role_display()})"))
