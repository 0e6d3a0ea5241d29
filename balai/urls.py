from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from balai.core.views import media
from balai.dashboard import views as dashboard_views
from balai.publications.sitemaps import SITEMAPS

urlpatterns = [
    path("", include("balai.core.urls")),
    path("akun/", include("balai.accounts.urls")),
    path("meja-kerja/", include("balai.dashboard.urls")),
    # The command room at its own short address (the head of office types it on the wall).
    path("ruang-kendali/", dashboard_views.command_room, name="command_room"),
    path("ruang-kendali/titik.geojson", dashboard_views.command_room_points,
         name="command_room_points"),
    path("pengaduan/peringatan/", include("balai.alerts.urls")),
    path("pengaduan/masuk/", include("balai.intake.urls")),
    path("pengaduan/", include("balai.complaints.urls")),
    path("ppid/", include("balai.ppid.urls")),
    path("mitra-media/", include("balai.media_partnerships.urls")),
    path("kim/", include("balai.community_groups.urls")),
    path("menara/", include("balai.towers.urls")),
    path("anggaran/", include("balai.budget.urls")),
    path("data/", include("balai.open_data.urls")),
    path("surat/", include("balai.correspondence.urls")),
    path("pasar/", include("balai.market.urls")),
    path("teruskan/lapor/", include("balai.lapor.urls")),
    path("teruskan/", include("balai.forwarding.urls")),
    path("layanan/", include("balai.public_services.urls")),
    path("", include("balai.publications.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("open311/", include("balai.open311.urls")),
    path("api/", include("balai.api.urls")),
    path("", include("balai.documents.urls")),
    # The language switch only sets a cookie: exempt from CSRF so that public pages carry
    # no per-visitor token and can be served from the cache.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
if not settings.AWS_STORAGE_BUCKET_NAME:
    # Embedded setup: public media (re-encoded photos) straight from var/media. Behind
    # nginx, nginx serves /media/ itself; private files always go through views that
    # check permissions and never live under MEDIA_URL.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media, name="media"),
    ]

handler404 = "balai.core.views.not_found"
