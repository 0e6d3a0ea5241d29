from django.urls import path

from balai.documents import views

app_name = "documents"
urlpatterns = [
    path("verifikasi/", views.verify_upload, name="verify_upload"),
    path("verifikasi/<uuid:uuid>", views.verify_detail, name="verify"),
    path("dokumen/", views.staff_list, name="staff_list"),
    path("dokumen/<uuid:uuid>/unduh", views.document_download, name="download"),
]
