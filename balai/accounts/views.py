from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.accounts import services, two_factor
from balai.accounts.forms import BackupCodeForm, LoginForm, TotpCodeForm

WRONG_CODE = _("The code is wrong or has expired. Enter the 6 digits from your "
               "authenticator app.")
WRONG_BACKUP_CODE = _("The backup code is wrong or has already been used. Check it and "
                      "try again, or use another one.")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("dashboard:workdesk")


class LoginView(auth_views.LoginView):
    """The password step; officers then give a code (or set up their app) on the next page."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        step = two_factor.pending_step(self.request)
        if step is not None:
            return HttpResponseRedirect(two_factor.step_url(step, self.get_success_url()))
        user = self.request.user
        if two_factor.needs_second_factor(user) \
                and not self.request.session.get(two_factor.SESSION_ENROLLED_KEY):
            messages.info(self.request, format_html(
                "{} <a href=\"{}\">{}</a>",
                gettext("Protect your account with two-step verification."),
                reverse("accounts:two_factor"), gettext("Set it up now")))
        return response


class LogoutView(auth_views.LogoutView):
    """Django 5 logs out on POST only; say so on the page the user lands on."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            # The session is new after logout; the message rides on it to the next page.
            messages.success(request, _("You have logged out."))
        return response


def _credentials(user) -> dict:
    # The same key the password form uses, so axes counts both steps together.
    return {"username": user.email}


def _locked_out(request, credentials):
    logout(request)
    return get_lockout_response(request, None, credentials)


def _record_failure(request, user) -> bool:
    """Count a wrong code with axes like a wrong password; True if the account is now locked."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def _throttle_message(device) -> str | None:
    seconds = two_factor.throttle_wait_seconds(device)
    if seconds:
        return gettext("Too many wrong codes. Wait %(seconds)d seconds, then try again.") % {
            "seconds": seconds}
    return None


def _verified(request, device) -> None:
    """Mark the session verified by `device`, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)


def _code_step(request, *, backup: bool):
    """Shared by the two verify pages: who may be here, and where they go next."""
    user = request.user
    next_url = _next_url(request)
    if not user.is_authenticated:
        return None, redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
    if not two_factor.needs_second_factor(user) or user.is_verified():
        return None, redirect(next_url)
    device_model = StaticDevice if backup else TOTPDevice
    device = device_model.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None and not backup:
        # The app was reset by an administrator since this session logged in.
        request.session[two_factor.SESSION_ENROLLED_KEY] = False
        step = two_factor.pending_step(request)
        return None, redirect(two_factor.step_url(step, next_url) if step else next_url)
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return None, _locked_out(request, _credentials(user))
    return device, None


def _code_page(request, *, backup: bool):
    """The second step of an officer's log-in, with the app's code or a backup code."""
    device, response = _code_step(request, backup=backup)
    if response is not None:
        return response
    form = (BackupCodeForm if backup else TotpCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttle_message(device) if device is not None else None
        if wait is None:
            code = form.cleaned_data["code"]
            verified = (services.backup_code_use(
                user=request.user, code=two_factor.normalise_backup_code(code)) if backup
                else services.totp_verify(user=request.user, token=code))
            if verified is not None:
                _verified(request, verified)
                if backup:
                    messages.warning(request, gettext(
                        "You used a backup code. %(remaining)d codes are left: make new "
                        "ones on the two-step verification page if you are running out.")
                        % {"remaining": verified.token_set.count()})
                return redirect(_next_url(request))
            if _record_failure(request, request.user):
                return _locked_out(request, _credentials(request.user))
        form.add_error("code", wait or (WRONG_BACKUP_CODE if backup else WRONG_CODE))
    template = "accounts/verify_backup.html" if backup else "accounts/verify.html"
    return render(request, template, {"form": form, "next": _next_url(request)})


@never_cache
def verify(request):
    """Second step of an officer's log-in: the 6-digit code from the authenticator app."""
    return _code_page(request, backup=False)


@never_cache
def verify_backup(request):
    """Second step with a backup code, when the phone with the app is not at hand."""
    return _code_page(request, backup=True)


@never_cache
@login_required
def enrol(request):
    """Set up the authenticator app: scan the QR code (or type the key), confirm with a code."""
    user = request.user
    next_url = _next_url(request)
    if not two_factor.needs_second_factor(user):
        return redirect(next_url)
    if two_factor.has_authenticator(user):
        # Setting up a second app needs the first one: an attacker with the password
        # alone must not be able to add their own.
        if not user.is_verified():
            return redirect(two_factor.step_url(two_factor.Step.VERIFY, next_url))
        return redirect("accounts:two_factor")
    device = services.totp_device_start(user=user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttle_message(device)
        codes = None if wait else services.totp_device_confirm(
            device=device, token=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            _verified(request, device)
            request.session[two_factor.SESSION_ENROLLED_KEY] = True
            request.session[two_factor.SESSION_NEW_BACKUP_CODES_KEY] = codes
            return redirect(f"{reverse('accounts:backup_codes')}?"
                            f"{urlencode({'next': next_url})}")
        form.add_error("code", wait or WRONG_CODE)
    uri = two_factor.provisioning_uri(device)
    return render(request, "accounts/enrol.html", {
        "form": form, "next": next_url,
        "qr_svg": two_factor.qr_svg(uri, title=gettext("QR code for your authenticator app")),
        "key": two_factor.readable_key(device),
        "required": two_factor.mode() == two_factor.REQUIRED,
    })


@never_cache
@login_required
def backup_codes(request):
    """The new backup codes, shown once: a reload shows that they have been shown."""
    codes = request.session.pop(two_factor.SESSION_NEW_BACKUP_CODES_KEY, None)
    return render(request, "accounts/backup_codes.html", {
        "codes": codes, "next": _next_url(request)})


@never_cache
@login_required
def two_factor_status(request):
    """An officer's two-step verification: on or off, backup codes left, make new ones."""
    user = request.user
    if not two_factor.needs_second_factor(user):
        return redirect("core:home")
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return render(request, "accounts/two_factor.html", {
        "app": app, "remaining": static.token_set.count() if static else 0,
        "required": two_factor.mode() == two_factor.REQUIRED,
    })


@require_POST
@login_required
def backup_codes_renew(request):
    user = request.user
    if not (two_factor.needs_second_factor(user) and user.is_verified()):
        return redirect("accounts:two_factor")
    codes = services.backup_codes_regenerate(user=user, actor=user)
    request.session[two_factor.SESSION_NEW_BACKUP_CODES_KEY] = codes
    return redirect(f"{reverse('accounts:backup_codes')}?"
                    f"{urlencode({'next': reverse('accounts:two_factor')})}")
