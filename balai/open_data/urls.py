from django.urls import path

from balai.open_data import views

app_name = "open_data"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalog.jsonld", views.dcat_catalog, name="dcat"),
    path("api/3/action/<str:action>", views.ckan_action, name="ckan_action"),
    path("api/action/<str:action>", views.ckan_action),
    path("staf/baru/", views.staff_edit, name="staff_new"),
    path("staf/<str:slug>/ubah/", views.staff_edit, name="staff_edit"),
    path("staf/<str:slug>/terbit/", views.staff_publish, name="staff_publish"),
    path("<str:slug>/", views.detail, name="detail"),
    path("<str:slug>/<uuid:resource>/unduh", views.download, name="download"),
]
