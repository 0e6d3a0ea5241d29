import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.geo.selectors import locate


def _coordinate(value: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise CommandError(_("'%(value)s' is not a number.") % {"value": value}) from exc


class Command(BaseCommand):
    help = "Show the areas and the nearest road at a WGS84 point: balai locate LAT LNG."

    def add_arguments(self, parser):
        # argparse reads "-7.98" as a positional because no option looks like a number.
        parser.add_argument("lat", help=_("latitude, e.g. -7.9826"))
        parser.add_argument("lng", help=_("longitude, e.g. 112.6308"))
        parser.add_argument("--json", action="store_true", help=_("print JSON"))

    def handle(self, *args, lat, lng, json: bool = False, **options):
        lat_f, lng_f = _coordinate(lat), _coordinate(lng)
        if not (-90 <= lat_f <= 90 and -180 <= lng_f <= 180):
            raise CommandError(_("Latitude must be within ±90 and longitude within ±180."))
        result = locate(lat_f, lng_f)
        if json:
            self.stdout.write(_dumps(result.as_dict()))
            return
        if not result.inside:
            self.stdout.write(_("Outside every imported area."))
        for area in result.areas:
            self.stdout.write(f"{area.level:<10} {area.code:<14} {area.name}")
        if result.road is None:
            self.stdout.write(_("No road within %(m)g m.") % {"m": _threshold()})
        for road in result.roads_within:
            self.stdout.write(_("Road: %(name)s (%(status)s, %(agency)s), %(d).1f m away") % {
                "name": road.name, "status": road.status,
                "agency": road.agency_name or _("no agency"), "d": road.distance_m})


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def _threshold() -> float:
    return settings.GEO_ROAD_THRESHOLD_M
