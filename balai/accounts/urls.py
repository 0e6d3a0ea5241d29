from django.urls import path

from balai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/kode-cadangan/", views.verify_backup, name="verify_backup"),
    path("dua-langkah/", views.two_factor_status, name="two_factor"),
    path("dua-langkah/aktifkan/", views.enrol, name="enrol"),
    path("dua-langkah/kode-cadangan/", views.backup_codes, name="backup_codes"),
    path("dua-langkah/kode-cadangan/baru/", views.backup_codes_renew,
         name="backup_codes_renew"),
]
