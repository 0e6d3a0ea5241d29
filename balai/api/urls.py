from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from balai.api import photos, ppid, views

app_name = "api"

router = SimpleRouter()
router.register("complaints", views.ComplaintViewSet, basename="complaint")
router.register("ppid/requests", ppid.InformationRequestViewSet, basename="ppid-request")

urlpatterns = [
    path("v1/", include(router.urls)),
    # Ids are checked by the view, so that a malformed one gets the API's JSON 404.
    re_path(r"^v1/photos/(?P<photo>[^/]+)/(?P<size>[^/]+)/$", photos.PhotoFileView.as_view(),
            name="photo"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(
        url_name="api:schema", template_name="api/swagger_ui.html"), name="docs"),
]
