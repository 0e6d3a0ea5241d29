from django.urls import path

from balai.publications import feeds, views

app_name = "publications"
urlpatterns = [
    path("berita/", views.news, name="news"),
    path("berita/rss/", feeds.NewsRssFeed(), name="rss"),
    path("berita/atom/", feeds.NewsAtomFeed(), name="atom"),
    path("berita/peringkat/", views.ranking, name="ranking"),
    path("berita/peringkat/<slug:code>/", views.ranking_agency, name="ranking_agency"),
    path("berita/staf/", views.staff_list, name="staff_list"),
    path("berita/staf/baru/", views.staff_edit, name="staff_create"),
    path("berita/staf/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("berita/staf/<int:pk>/koreksi/", views.staff_correct, name="staff_correct"),
    path("berita/staf/<int:pk>/tarik/", views.staff_unpublish, name="staff_unpublish"),
    path("berita/staf/nilai/<slug:code>/", views.staff_review, name="staff_review"),
    path("berita/<slug:code>/", views.agency, name="agency"),
    path("berita/<slug:code>/rss/", feeds.NewsRssFeed(), name="agency_rss"),
    path("berita/<slug:code>/atom/", feeds.NewsAtomFeed(), name="agency_atom"),
    path("berita/<slug:code>/<slug:slug>/", views.post, name="post"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/agenda.ics", views.agenda_ics, name="ics"),
    path("agenda/<slug:code>/", views.agenda, name="agency_agenda"),
    path("agenda/<slug:code>/agenda.ics", views.agenda_ics, name="agency_ics"),
]
