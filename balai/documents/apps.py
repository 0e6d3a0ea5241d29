from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "balai.documents"
    label = "documents"
