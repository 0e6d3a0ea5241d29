from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("balai.core.urls")),
    path("akun/", include("balai.accounts.urls")),
    path("meja-kerja/", include("balai.dashboard.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG or not settings.AWS_STORAGE_BUCKET_NAME:
    # Public media (re-encoded photos) from disk in the embedded setup; private files
    # are always served through views that check permissions.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "balai.core.views.not_found"
