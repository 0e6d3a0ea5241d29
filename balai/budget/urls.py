from django.urls import path

from balai.budget import views

app_name = "budget"

urlpatterns = [
    path("", views.index, name="index"),
    path("dokumen/", views.documents, name="documents"),
    path("dokumen/<int:pk>.pdf", views.document_file, name="document_file"),
    path("staf/", views.staff, name="staff"),
    path("staf/impor/", views.staff_import, name="staff_import"),
    path("staf/dokumen/", views.staff_document, name="staff_document"),
    path("staf/dokumen/<int:pk>/tarik/", views.staff_withdraw, name="staff_withdraw"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/unduh.<str:fmt>", views.download, name="download"),
    path("<int:year>/paket-data.zip", views.data_package, name="data_package"),
    path("<int:year>/<slug:agency>/", views.agency, name="agency"),
]
