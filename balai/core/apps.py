from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "balai.core"
    label = "core"

    def ready(self) -> None:
        from balai.core import signals

        signals.connect()
