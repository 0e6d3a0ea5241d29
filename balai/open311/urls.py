from django.urls import path, register_converter

from balai.open311 import views


class FormatConverter:
    """The format is chosen by the path's suffix (GeoReport v2)."""

    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "open311"
urlpatterns = [
    path("discovery.<fmt:fmt>", views.discovery, name="discovery"),
    path("v2/", views.root, name="root"),
    path("v2/services.<fmt:fmt>", views.services, name="services"),
    path("v2/services/<str:code>.<fmt:fmt>", views.service_definition, name="service"),
    path("v2/requests.<fmt:fmt>", views.requests, name="requests"),
    path("v2/requests/<str:code>.<fmt:fmt>", views.request_detail, name="request"),
    path("v2/tokens/<str:token>.<fmt:fmt>", views.token, name="token"),
    path("v2/servicerequestupdates.<fmt:fmt>", views.request_updates, name="updates"),
]
