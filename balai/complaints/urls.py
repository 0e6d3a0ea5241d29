from django.urls import path
from django.views.generic import RedirectView

from balai.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.public_list, name="list"),
    path("lapor/", views.report, name="report"),
    path("terkirim/<str:code>/", views.submitted, name="submitted"),
    path("lacak/", RedirectView.as_view(pattern_name="core:track", query_string=True),
         name="track"),
    path("lacak/<str:code>/", views.track_detail, name="track_detail"),
    path("lacak/<str:code>/dukung/", views.support, name="support"),
    path("lacak/<str:code>/dukung/konfirmasi/<str:token>/", views.support_confirm,
         name="support_confirm"),
    path("lacak/<str:code>/<str:action>/", views.reporter_action, name="reporter_action"),
    path("kinerja/", views.performance, name="performance"),
    path("beres/<str:token>/", views.fixed, name="fixed"),
    path("foto/<int:pk>/<str:size>/", views.photo, name="photo"),
    path("peta/aduan.geojson", views.public_geojson, name="public_geojson"),
    path("peta/wilayah.geojson", views.areas_geojson, name="areas_geojson"),
    path("peta/jalan.json", views.streets, name="streets"),
    path("peta/jalan.geojson", views.roads_geojson, name="roads_geojson"),
    path("sekitar/", views.nearby, name="nearby"),
    path("staf/", views.staff_queue, name="staff_queue"),
    path("staf/input/", views.intake, name="intake"),
    path("staf/ekspor/", views.staff_export, name="staff_export"),
    path("staf/darurat/", views.urgent, name="urgent"),
    path("staf/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/<int:pk>/<str:action>/", views.staff_action, name="staff_action"),
]
