"""RSS 2.0 and Atom feeds of the OPDs' news and announcements, all together or per OPD
(django.contrib.syndication). Scheduled posts are absent until their time."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from balai.publications import selectors

FEED_SIZE = 30


class NewsRssFeed(Feed):
    def get_object(self, request, code: str | None = None):
        return selectors.agency_public(code) if code else None

    def title(self, agency):
        return (_("Berita %(opd)s") % {"opd": agency.name} if agency
                else _("Berita dan pengumuman OPD"))

    def link(self, agency):
        return (reverse("publications:agency", args=[agency.code]) if agency
                else reverse("publications:news"))

    def description(self, agency):
        return self.title(agency)

    def items(self, agency):
        return selectors.news(agency=agency)[:FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body_html  # rendered and sanitised when saved

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.corrected_at or post.publish_at

    def item_categories(self, post):
        return [post.get_kind_display(), post.agency.short_name or post.agency.name]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, agency):
        return self.description(agency)
