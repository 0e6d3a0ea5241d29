from django.urls import path

from balai.ppid import views

# The namespace the workdesk and the home page already link to (DESIGN.md §5).
app_name = "information_requests"
urlpatterns = [
    path("dip/", views.dip_list, name="dip"),
    path("dip/<int:pk>/", views.dip_detail, name="dip_detail"),
    path("staf/dip/", views.staff_dip_list, name="staff_dip"),
    path("staf/dip/baru/", views.staff_dip_edit, name="staff_dip_create"),
    path("staf/dip/<int:pk>/", views.staff_dip_edit, name="staff_dip_edit"),
]
