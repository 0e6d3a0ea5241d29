from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "balai.demo"
    label = "demo"
