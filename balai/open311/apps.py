from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "balai.open311"
    label = "open311"
