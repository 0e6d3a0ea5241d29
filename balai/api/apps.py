from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "balai.api"
    label = "api"

    def ready(self) -> None:
        # drf-spectacular finds the token scheme through this import's registration.
        from balai.api import authentication  # noqa: F401, PLC0415
