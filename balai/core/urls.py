from django.urls import path

from balai.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("lacak/", views.track, name="track"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("tema.css", views.theme_css, name="theme_css"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("metrics", views.metrics, name="metrics"),
]
