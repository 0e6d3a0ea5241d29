from django.urls import path

from balai.community_groups import feeds, views

app_name = "community_groups"
urlpatterns = [
    path("", views.index, name="index"),
    path("cakupan/", views.coverage, name="coverage"),
    path("forum/<int:pk>/", views.forum, name="forum"),
    path("lomba/", views.competitions, name="competitions"),
    path("lomba/<int:pk>/", views.competition, name="competition"),
    path("lomba/<int:pk>/nilai/", views.competition_score, name="competition_score"),
    path("lomba/<int:pk>/umumkan/", views.competition_close, name="competition_close"),
    path("kelola/", views.manage_index, name="manage_index"),
    path("kelola/daftar/", views.register, name="register"),
    path("kelola/<slug:slug>/", views.manage, name="manage"),
    path("kelola/<slug:slug>/registrasi/", views.registry_edit, name="registry_edit"),
    path("kelola/<slug:slug>/profil/", views.profile_edit, name="profile_edit"),
    path("kelola/<slug:slug>/sk/", views.decree_file, name="decree_file"),
    path("kelola/<slug:slug>/tulisan/baru/", views.post_new, name="post_new"),
    path("kelola/<slug:slug>/tulisan/<int:pk>/", views.post_edit, name="post_edit"),
    path("kelola/<slug:slug>/tulisan/<int:pk>/hapus/", views.post_remove, name="post_remove"),
    path("kelola/<slug:slug>/kegiatan/baru/", views.activity_new, name="activity_new"),
    path("kelola/<slug:slug>/pengurus/baru/", views.officer_new, name="officer_new"),
    path("kelola/<slug:slug>/pengurus/<int:pk>/hapus/", views.officer_remove,
         name="officer_remove"),
    path("kelola/<slug:slug>/anggota/baru/", views.member_new, name="member_new"),
    path("kelola/<slug:slug>/anggota/<int:pk>/hapus/", views.member_remove,
         name="member_remove"),
    path("kelola/<slug:slug>/kerja-sama/baru/", views.cooperation_new, name="cooperation_new"),
    path("<slug:slug>/", views.site, name="site"),
    path("<slug:slug>/berita/", views.posts, name="posts"),
    path("<slug:slug>/berita/<slug:post_slug>/", views.post, name="post"),
    path("<slug:slug>/rss/", feeds.KimRssFeed(), name="rss"),
    path("<slug:slug>/atom/", feeds.KimAtomFeed(), name="atom"),
]
