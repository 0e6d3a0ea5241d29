from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "balai.geo"
    label = "geo"
