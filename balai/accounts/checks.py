"""System checks for staff two-factor login (DESIGN.md §7)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from balai.accounts.two_factor import MODES, OPTIONAL


@register(Tags.security)
def staff_2fa_setting(app_configs, **kwargs):
    value = settings.STAFF_2FA
    if value not in MODES:
        return [Error(f"STAFF_2FA={value!r} is not one of {', '.join(MODES)}.",
                      hint="Set STAFF_2FA=required (production) or optional (demo).",
                      id="accounts.E001")]
    return []


@register(Tags.security, deploy=True)
def staff_2fa_optional_in_production(app_configs, **kwargs):
    if settings.DEBUG or settings.STAFF_2FA != OPTIONAL:
        return []
    return [Warning(
        "STAFF_2FA=optional: staff without an authenticator app log in with a password "
        "alone.",
        hint="Unset STAFF_2FA (or set it to 'required') in production: every officer then "
             "sets up an authenticator app at the first log-in.",
        id="accounts.W001",
    )]
