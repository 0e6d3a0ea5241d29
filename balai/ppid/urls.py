from django.urls import path
from django.views.generic import RedirectView

from balai.ppid import views

app_name = "ppid"
urlpatterns = [
    path("", views.index, name="index"),
    path("arsip/", views.archive, name="archive"),
    path("dip/", views.dip_list, name="dip"),
    path("dip/<int:pk>/", views.dip_detail, name="dip_detail"),
    path("permohonan/", views.request_form, name="request"),
    path("permohonan/terkirim/<str:code>/", views.submitted, name="submitted"),
    path("lacak/", RedirectView.as_view(pattern_name="core:track", query_string=True),
         name="track"),
    path("lacak/<str:code>/", views.track_detail, name="track_detail"),
    path("lacak/<str:code>/pemberitahuan/", views.requester_notice, name="requester_notice"),
    path("lacak/<str:code>/berkas/<int:pk>/", views.requester_file, name="requester_file"),
    path("keberatan-berkala/", views.periodic_objection_form, name="periodic_objection"),
    path("lacak/<str:code>/keberatan/", views.objection_form, name="objection_form"),
    path("lacak/<str:code>/keberatan/<int:pk>/tanggapan/", views.objection_respond,
         name="objection_respond"),
    path("lacak/<str:code>/sengketa/", views.dispute_form, name="dispute_form"),
    path("lacak/<str:code>/batalkan/", views.requester_withdraw, name="withdraw"),
    path("staf/", views.staff_queue, name="staff_queue"),
    path("staf/input/", views.staff_intake, name="staff_intake"),
    path("staf/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/<int:pk>/identitas/<int:doc>/", views.staff_identity_document,
         name="staff_identity_document"),
    path("staf/<int:pk>/<str:action>/", views.staff_action, name="staff_action"),
    path("staf/keberatan/", views.staff_objections, name="objections"),
    path("staf/keberatan/<int:pk>/", views.staff_objection_detail, name="objection_detail"),
    path("staf/keberatan/<int:pk>/diterima/", views.staff_objection_received,
         name="objection_received"),
    path("staf/register/permohonan/", views.staff_request_register, name="register_requests"),
    path("staf/register/keberatan/", views.staff_objection_register,
         name="register_objections"),
    path("staf/laporan-tahunan/", views.staff_annual_report, name="annual_report"),
    path("staf/dip/", views.staff_dip_list, name="staff_dip"),
    path("staf/dip/baru/", views.staff_dip_edit, name="staff_dip_create"),
    path("staf/dip/<int:pk>/", views.staff_dip_edit, name="staff_dip_edit"),
]
