from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from balai.dashboard.selectors import workdesk_for


@login_required
def workdesk(request):
    # Citizens have accounts too (to follow their reports) but no desk: 403 with the
    # friendly page, not a redirect loop back to the login form.
    if not request.user.is_officer:
        raise PermissionDenied
    return render(request, "dashboard/workdesk.html", workdesk_for(user=request.user))
