"""`balai backup [--output PATH]`: the database and the files in one .tar.gz."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.core.backup import BackupError, backup_create, not_in_backup


class Command(BaseCommand):
    help = ("Write the database (SQLite copy or pg_dump) and the uploaded and issued files "
            "to one .tar.gz with a manifest of SHA-256 checksums.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path,
                            help="Where to write the archive (default var/backups/"
                                 "balai-YYYYMMDD-HHMMSS.tar.gz)")

    def handle(self, *args, output, **options):
        try:
            path = backup_create(output=output, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Backup written: {path}. Keep it private: it holds personal data and password "
            "hashes."))
        if missing := not_in_backup():
            self.stderr.write(self.style.WARNING(missing))
