from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from balai.complaints.selectors import complaint_statistics
from balai.core.pagination import page_of
from balai.dashboard import command
from balai.dashboard.forms import PeriodForm
from balai.dashboard.selectors import can_see_statistics, overdue_stages, workdesk_for


def _officer(request):
    # Citizens have accounts too (to follow their reports) but no desk: 403 with the
    # friendly page, not a redirect loop back to the login form.
    if not request.user.is_officer:
        raise PermissionDenied


@login_required
def workdesk(request):
    _officer(request)
    return render(request, "dashboard/workdesk.html", workdesk_for(user=request.user))


@login_required
def overdue(request):
    """Cases past their deadline that the user may see, one stage at a time: the desk
    starts with verification, an agency with follow-up."""
    _officer(request)
    stages = overdue_stages(user=request.user)
    if not stages:
        return render(request, "dashboard/overdue.html", {"stages": [], "stage": None})
    chosen = request.GET.get("stage")
    stage = next((s for s in stages if s["key"] == chosen),
                 next((s for s in stages if s["count"]), stages[0]))
    return render(request, "dashboard/overdue.html", {
        "stages": stages, "stage": stage, "today": timezone.localdate(),
        "page": page_of(stage["list"], request, known_count=stage["count"])})


@login_required
def statistics(request):
    """Volumes, overdue cases and each agency's performance over a chosen period."""
    _officer(request)
    if not can_see_statistics(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    date_from, date_to = form.period()
    return render(request, "dashboard/statistics.html", {
        "form": form, "date_from": date_from, "date_to": date_to,
        "stats": complaint_statistics(date_from=date_from, date_to=date_to)})


@login_required
def command_room(request):
    """The command room: a wall for a large screen (?tampilan=dinding) and a page for a phone;
    its figures refresh every 30 seconds without reloading the page (htmx)."""
    if not command.can_see_room(request.user):
        raise PermissionDenied
    context = command.command_room(user=request.user)
    template = "dashboard/_command_figures.html" if request.htmx else \
        "dashboard/command_room.html"
    return render(request, template, {**context, "tile_url": settings.MAP_TILE_URL,
                                      "wall": request.GET.get("tampilan") == "dinding"})


@login_required
def command_room_points(request):
    """The open cases on the map, as GeoJSON (no reporter, no confidential case)."""
    if not command.can_see_room(request.user):
        raise PermissionDenied
    points = command.map_points(user=request.user)
    return JsonResponse({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lng"], p["lat"]]},
        "properties": {"code": p["code"], "status": p["status"], "category": p["category"]},
    } for p in points]})
