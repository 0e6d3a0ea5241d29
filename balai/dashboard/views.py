from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from balai.complaints.selectors import complaint_statistics, overdue_for
from balai.dashboard.forms import PeriodForm
from balai.dashboard.selectors import can_see_statistics, workdesk_for


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
    """Everything past its deadline that the user may see (complaints today)."""
    _officer(request)
    page = Paginator(overdue_for(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "dashboard/overdue.html", {"page": page})


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
