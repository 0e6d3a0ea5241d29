"""RSS 2.0 and Atom feeds of each KIM's posts (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from balai.community_groups import selectors

FEED_SIZE = 20


class KimRssFeed(Feed):
    def get_object(self, request, slug: str):
        return selectors.kim_public(slug)

    def title(self, kim):
        return kim.name

    def link(self, kim):
        return kim.get_absolute_url()

    def description(self, kim):
        return kim.tagline or _("News and agenda of %(kim)s") % {"kim": kim.name}

    def items(self, kim):
        return selectors.posts_public(kim).select_related("kim")[:FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body_html  # rendered and sanitised when saved

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at


class KimAtomFeed(KimRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, kim):
        return self.description(kim)
