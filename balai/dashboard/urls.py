from django.urls import path

from balai.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.workdesk, name="workdesk"),
]
