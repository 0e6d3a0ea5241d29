from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "balai.complaints"
    label = "complaints"
