from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "balai.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from balai.documents import checks  # noqa: F401 - registers the deploy checks
