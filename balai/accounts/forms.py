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


class TotpCodeForm(forms.Form):
    """The 6-digit code from the authenticator app (spaces allowed: "123 456")."""

    code = forms.CharField(
        label=_("Security code"), strip=True, max_length=20,
        help_text=_("The 6 digits shown in your authenticator app, for example 123456."),
        widget=forms.TextInput(attrs={
            "class": "input input--code", "autocomplete": "one-time-code",
            "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}),
        error_messages={"required": _("Enter the 6 digits from your authenticator app")},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(
                _("Enter the code as 6 digits, like 123456"), code="format")
        return code


class BackupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Backup code"), strip=True, max_length=40,
        help_text=_("One of the 10 backup codes you wrote down when you set up two-step "
                    "verification. Each code works once."),
        widget=forms.TextInput(attrs={"class": "input input--code", "autocomplete": "off",
                                      "autofocus": True, "spellcheck": "false",
                                      "autocapitalize": "none"}),
        error_messages={"required": _("Enter one of your backup codes")},
    )
