from django.urls import path

from balai.forwarding import views

app_name = "forwarding"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("instansi/<int:agency_id>/", views.endpoint, name="endpoint"),
    path("instansi/<int:agency_id>/uji/", views.endpoint_test, name="endpoint_test"),
    path("kiriman/<int:pk>/ulang/", views.retry, name="retry"),
    path("foto/<str:token>/", views.photo, name="photo"),
]
