from django.urls import path

from balai.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.workdesk, name="workdesk"),
    path("terlambat/", views.overdue, name="overdue"),
    path("statistik/", views.statistics, name="statistics"),
]
