from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.geo.services import GeoImportError, roads_import


class Command(BaseCommand):
    help = "Import or update road segments from a GeoJSON (.geojson or .geojson.gz) file."

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("GeoJSON FeatureCollection with code, name, status, "
                                           "agency and legal_basis properties"))
        parser.add_argument("--no-progress", action="store_true", help=_("no progress bar"))

    def handle(self, *args, file, no_progress, **options):
        try:
            report = roads_import(file, progress=not no_progress, stdout=self.stderr)
        except GeoImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
