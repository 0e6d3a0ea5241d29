from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Messages say how to fix the problem (GOV.UK error messages), not just that it exists.
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True,
                                       "class": "input", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like "
                         "nama@malangkota.go.id"),
        },
    )
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                          "class": "input"}),
        error_messages={"required": _("Enter your password")},
    )

    error_messages = {
        "invalid_login": _("The e-mail address or password is wrong. Check both and try "
                           "again."),
        "inactive": _("This account has been switched off. Ask the administrator."),
    }
