from django.urls import path

from balai.market import views

app_name = "market"
urlpatterns = [
    path("", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("kim/<slug:slug>/", views.kim_products, name="kim_products"),
    path("penjual/", views.seller_home, name="seller_home"),
    path("penjual/daftar/", views.register, name="register"),
    path("penjual/masuk/", views.login, name="login"),
    path("penjual/kode/", views.login_code, name="login_code"),
    path("penjual/keluar/", views.logout, name="logout"),
    path("penjual/data/", views.seller_edit, name="seller_edit"),
    path("penjual/iklan/baru/", views.listing_new, name="listing_new"),
    path("penjual/iklan/<str:code>/", views.listing_edit, name="listing_edit"),
    path("penjual/iklan/<str:code>/<str:action>/", views.listing_action,
         name="listing_action"),
    path("staf/", views.staff_queue, name="staff_queue"),
    path("staf/penjual/<int:pk>/", views.staff_seller, name="staff_seller"),
    path("staf/penjual/<int:pk>/<str:action>/", views.staff_seller_action,
         name="staff_seller_action"),
    path("staf/iklan/<str:code>/", views.staff_listing, name="staff_listing"),
    path("staf/iklan/<str:code>/<str:action>/", views.staff_listing_action,
         name="staff_listing_action"),
    path("<str:code>/", views.listing, name="listing"),
    path("<str:code>/hubungi/", views.contact, name="contact"),
    path("<str:code>/lapor/", views.report, name="report"),
]
