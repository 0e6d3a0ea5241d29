from django.urls import path

from balai.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("berhenti/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feed/<str:kind>/<str:code>.atom", views.ComplaintFeed(), name="feed"),
]
