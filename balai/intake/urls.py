from django.urls import path

from balai.intake import views

app_name = "intake"
urlpatterns = [
    path("whatsapp/webhook/", views.whatsapp_webhook, name="whatsapp_webhook"),
    path("whatsapp/", views.conversations, name="conversations"),
    path("whatsapp/<int:pk>/", views.conversation_detail, name="conversation"),
    path("email/", views.mail_queue, name="mail_queue"),
    path("email/<int:pk>/", views.mail_detail, name="mail_detail"),
    path("email/foto/<int:pk>/<str:size>/", views.mail_photo, name="mail_photo"),
]
