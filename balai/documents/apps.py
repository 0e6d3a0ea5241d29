from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "balai.documents"
    label = "documents"

    def ready(self):
        from balai.documents import checks  # noqa: F401 - registers the deploy checks
