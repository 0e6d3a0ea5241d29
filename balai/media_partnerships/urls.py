from django.urls import path

from balai.media_partnerships import views

app_name = "media_partnerships"
urlpatterns = [
    path("", views.index, name="index"),
    path("daftar/", views.register, name="register"),
    path("daftar/terkirim/<int:pk>/", views.registered, name="registered"),
    path("media/<int:pk>/", views.portal, name="portal"),
    path("staf/", views.staff_home, name="staff"),
    path("staf/media/", views.outlets, name="outlets"),
    path("staf/media/<int:pk>/", views.outlet_detail, name="outlet"),
    path("staf/media/<int:pk>/berkas/<int:doc>/", views.outlet_document, name="document"),
    path("staf/media/<int:pk>/tautan-baru/", views.outlet_link_reset, name="link_reset"),
    path("staf/verifikasi/", views.applications, name="applications"),
    path("staf/verifikasi/<int:pk>/", views.application_detail, name="application"),
    path("staf/verifikasi/<int:pk>/<str:action>/", views.application_action,
         name="application_action"),
    path("staf/pesanan/", views.orders, name="orders"),
    path("staf/pesanan/baru/", views.order_new, name="order_new"),
    path("staf/pesanan/<int:pk>/", views.order_detail, name="order"),
    path("staf/pesanan/<int:pk>/<str:action>/", views.order_action, name="order_action"),
    path("staf/pesanan/<int:pk>/bukti/<int:proof>/<str:which>/", views.proof_file,
         name="proof_file"),
    path("staf/putaran/", views.rounds, name="rounds"),
    path("staf/putaran/<int:pk>/", views.round_detail, name="round"),
    path("staf/putaran/<int:pk>/syarat/", views.requirement_add, name="requirement_add"),
    path("staf/putaran/<int:pk>/syarat/<int:req>/", views.requirement_edit,
         name="requirement"),
    path("staf/putaran/<int:pk>/syarat/<int:req>/hapus/", views.requirement_remove,
         name="requirement_remove"),
    path("staf/standar-harga/", views.rate_cards, name="rate_cards"),
    path("staf/standar-harga/<int:year>/", views.rate_card_edit, name="rate_card_edit"),
    path("staf/standar-harga/<int:year>/harga/", views.rate_line_save, name="rate_line"),
    path("standar-harga/", views.rate_card, name="rate_card"),
    path("staf/tanda-bahaya/", views.flags, name="red_flags"),
    path("transparansi/", views.transparency, name="transparency"),
]
