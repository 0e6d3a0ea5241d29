from django.urls import path

from balai.correspondence import views

app_name = "correspondence"
urlpatterns = [
    path("", views.index, name="index"),
    path("arsip/", views.archive, name="archive"),
    path("agenda.xlsx", views.agenda_export, name="agenda_export"),
    path("masuk/baru/", views.register, name="register"),
    path("masuk/<int:pk>/", views.detail, name="detail"),
    path("masuk/<int:pk>/pindaian/", views.scan, name="scan"),
    path("masuk/<int:pk>/lembar-disposisi.pdf", views.disposition_sheet,
         name="disposition_sheet"),
    path("masuk/<int:pk>/lampiran/", views.attachment_upload, {"side": "masuk"},
         name="attachment_upload"),
    path("masuk/<int:pk>/lampiran/<int:attachment>/", views.attachment_file,
         {"side": "masuk"}, name="attachment"),
    path("masuk/<int:pk>/<str:action>/", views.letter_action, name="letter_action"),
    path("disposisi/<int:pk>/<str:action>/", views.disposition_action,
         name="disposition_action"),
    path("keluar/", views.drafts, name="drafts"),
    path("keluar/baru/", views.draft_create, name="draft_create"),
    path("keluar/<int:pk>/", views.draft_detail, name="draft_detail"),
    path("keluar/<int:pk>/surat.pdf", views.draft_pdf, name="draft_pdf"),
    path("keluar/diterima/<int:pk>/surat.pdf", views.received_pdf, name="received_pdf"),
    path("keluar/<int:pk>/lampiran/", views.attachment_upload, {"side": "keluar"},
         name="draft_attachment_upload"),
    path("keluar/<int:pk>/lampiran/<int:attachment>/", views.attachment_file,
         {"side": "keluar"}, name="draft_attachment"),
    path("keluar/<int:pk>/lampiran/<int:attachment>/hapus/", views.attachment_remove,
         name="draft_attachment_remove"),
    path("keluar/diterima/<int:pk>/lampiran/<int:attachment>/", views.received_attachment,
         name="received_attachment"),
    path("keluar/<int:pk>/<str:action>/", views.draft_action, name="draft_action"),
    path("kirim/", views.public_form, name="public_form"),
    path("kirim/terkirim/<str:code>/", views.sent, name="sent"),
    path("lacak/<str:code>/", views.track_detail, name="track_detail"),
]
