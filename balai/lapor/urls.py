from django.urls import path

from balai.lapor import views

app_name = "lapor"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ekspor/", views.export, name="export"),
    path("impor/", views.import_file, name="import"),
]
