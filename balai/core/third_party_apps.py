"""Other projects' apps under names staff read: the admin's index, the permission lists and
the audit trail show an app's verbose_name, which these apps leave in English or as their
raw label ("Axes", "Otp_Totp", "Tasks Database Backend"). INSTALLED_APPS names these
configs instead of the apps' own; everything else (label, models, ready()) is theirs."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig
from django_tasks_db.apps import TasksAppConfig as TasksDbAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")


class OtpTotpConfig(OtpTotpAppConfig):
    verbose_name = _("Two-step verification: authenticator apps")


class OtpStaticConfig(OtpStaticAppConfig):
    verbose_name = _("Two-step verification: backup codes")


class TasksDbConfig(TasksDbAppConfig):
    verbose_name = _("Background tasks")
