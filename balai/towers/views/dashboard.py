"""The tower dashboard: the registry on a map by status, the permit gap, inspections due,
open findings and arrears by company."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from balai.towers import selectors
from balai.towers.models import Tower
from balai.towers.views._common import tower_staff


@login_required
def tower_dashboard(request):
    scope = tower_staff(request)
    today = timezone.localdate()
    data = selectors.tower_dashboard(user=request.user, today=today)
    legend = {value: str(label) for value, label in Tower.Status.choices}
    return render(request, "towers/dashboard.html", {
        "scope": scope, "today": today, "tile_url": settings.MAP_TILE_URL,
        "legend": legend, "months": settings.TOWERS_INSPECTION_MONTHS, **data})
