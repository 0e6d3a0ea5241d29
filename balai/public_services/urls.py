from django.urls import path

from balai.public_services import views

app_name = "public_services"
urlpatterns = [
    path("", views.index, name="index"),
    path("cari/", views.search, name="search"),
    path("kesiapan/", views.readiness_report, name="readiness"),
    path("kesiapan/<slug:code>/", views.readiness_agency, name="readiness_agency"),
    path("hsds/layanan.json", views.hsds_json, name="hsds_json"),
    path("hsds/<slug:table>.csv", views.hsds_csv, name="hsds_csv"),
    path("skm/", views.skm_latest, name="skm"),
    path("skm/<int:year>/", views.skm_year, name="skm_year"),
    path("skm/aduan/<str:token>/", views.skm_complaint, name="skm_complaint"),
    path("staf/", views.staff_list, name="staff_list"),
    path("staf/baru/", views.staff_edit, name="staff_create"),
    path("staf/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("<slug:code>/", views.agency, name="agency"),
    path("<slug:agency_code>/<slug:slug>/", views.service, name="service"),
    path("<slug:agency_code>/<slug:slug>/yang-harus-dibawa/", views.checklist,
         name="checklist"),
    path("<slug:agency_code>/<slug:slug>/nilai/", views.skm_rate, name="skm_rate"),
    path("<slug:agency_code>/<slug:slug>/versi/", views.versions, name="versions"),
]
