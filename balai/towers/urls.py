from django.urls import path

from balai.towers import views

app_name = "towers"
urlpatterns = [
    path("cek-titik/", views.point_check, name="point_check"),
    path("periksa/", views.field_form, name="field_form"),
    path("staf/ronde/", views.inspection_round, name="round"),
    path("staf/temuan/", views.finding_list, name="findings"),
    path("staf/temuan/<int:pk>/selesai/", views.finding_resolve, name="finding_resolve"),
    path("staf/pemeriksaan/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("staf/pemeriksaan/<int:pk>/surat/", views.inspection_notify, name="inspection_notify"),
    path("staf/pemeriksaan/foto/<int:pk>/asli/", views.inspection_photo_original,
         name="inspection_photo_original"),
    path("staf/", views.tower_list, name="list"),
    path("staf/baru/", views.tower_create, name="create"),
    path("staf/impor/", views.tower_import, name="import"),
    path("staf/ekspor/<str:fmt>/", views.tower_export, name="export"),
    path("staf/perusahaan/", views.company_list, name="companies"),
    path("staf/perusahaan/baru/", views.company_edit, name="company_create"),
    path("staf/perusahaan/<int:pk>/", views.company_edit, name="company_edit"),
    path("staf/zona/", views.zone_list, name="zones"),
    path("staf/zona/baru/", views.zone_edit, name="zone_create"),
    path("staf/zona/<int:pk>/", views.zone_edit, name="zone_edit"),
    path("staf/rekomendasi/", views.siting_list, name="siting_list"),
    path("staf/rekomendasi/baru/", views.siting_create, name="siting_create"),
    path("staf/rekomendasi/<int:pk>/", views.siting_detail, name="siting_detail"),
    path("staf/rekomendasi/<int:pk>/<str:action>/", views.siting_action, name="siting_action"),
    path("staf/<int:pk>/", views.tower_detail, name="detail"),
    path("staf/<int:pk>/ubah/", views.tower_edit, name="edit"),
    path("staf/<int:pk>/penyewa/", views.tower_add_tenancy, name="add_tenancy"),
    path("staf/<int:pk>/izin/", views.tower_add_permit, name="add_permit"),
    path("staf/<int:pk>/izin/<int:permit>/berkas/", views.permit_file, name="permit_file"),
    path("<str:code>/plat.svg", views.tower_plate, name="plate"),
    path("<str:code>/", views.tower_public, name="public"),
]
