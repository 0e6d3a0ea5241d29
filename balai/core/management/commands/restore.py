"""`balai restore PATH [--force]`: put a `balai backup` archive's database and files back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.core.backup import VENDOR_NAMES, BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore a `balai backup` archive: checks every SHA-256 first, refuses a backup "
            "of another database vendor, and refuses a database with data unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Replace a database that already has data")

    def handle(self, *args, archive, force, **options):
        try:
            report = backup_restore(archive=archive, force=force, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = ", ".join(f"{name} {count}" for name, count in report.files.items()) or "none"
        self.stdout.write(self.style.SUCCESS(
            f"Restored the {VENDOR_NAMES.get(report.vendor, report.vendor)} database and "
            f"{sum(report.files.values())} files ({files}) from a backup made "
            f"{report.created_at} by balai {report.balai_version}."))
        if report.set_aside:
            moved = ", ".join(f"{name} {count}" for name, count in report.set_aside.items())
            self.stdout.write(self.style.WARNING(
                f"Files that were here but not in the backup ({moved}) were moved to "
                f"{report.set_aside_dir}; nothing was deleted."))
        if report.skipped_roots:
            self.stdout.write(self.style.WARNING(
                "Not restored here: " + ", ".join(report.skipped_roots)
                + " (restore those from the storage's own backups)."))
        if report.migrations_not_in_backup:
            self.stdout.write(self.style.WARNING(
                f"The backup predates {len(report.migrations_not_in_backup)} migrations of "
                "this version: run `balai migrate`."))
        if report.migrations_missing_here:
            self.stdout.write(self.style.WARNING(
                f"The backup has {len(report.migrations_missing_here)} migrations this "
                f"version does not know (e.g. {report.migrations_missing_here[0]}): it was "
                "made by a newer balai. Upgrade balai before using it."))
