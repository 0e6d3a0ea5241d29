from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from balai.api import correspondence, market, media_partnerships, photos, ppid, towers, views

app_name = "api"

router = SimpleRouter()
router.register("complaints", views.ComplaintViewSet, basename="complaint")
router.register("ppid/requests", ppid.InformationRequestViewSet, basename="ppid-request")
router.register("towers", towers.TowerViewSet, basename="tower")
router.register("correspondence/letters", correspondence.IncomingLetterViewSet,
                basename="correspondence-letter")
router.register("market/listings", market.ListingViewSet, basename="market-listing")
router.register("kim", market.KimViewSet, basename="kim")

urlpatterns = [
    path("v1/", include(router.urls)),
    # Ids are checked by the view, so that a malformed one gets the API's JSON 404.
    re_path(r"^v1/photos/(?P<photo>[^/]+)/(?P<size>[^/]+)/$", photos.PhotoFileView.as_view(),
            name="photo"),
    path("v1/media/partners/", media_partnerships.PartnerList.as_view(), name="media-partners"),
    re_path(r"^v1/media/spending/(?P<year>[0-9]{4})/$", media_partnerships.Spending.as_view(),
            name="media-spending"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(
        url_name="api:schema", template_name="api/swagger_ui.html"), name="docs"),
]
