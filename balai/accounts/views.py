from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _


class LogoutView(auth_views.LogoutView):
    """Django 5 logs out on POST only; say so on the page the user lands on."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            # The session is new after logout; the message rides on it to the next page.
            messages.success(request, _("You have logged out."))
        return response
