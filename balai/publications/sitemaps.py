"""The public site's sitemap (/sitemap.xml): OPD news and agenda, the service directory,
KIM sites, tower pages and the fixed public pages. Kept here because the publications
app sits above every app whose public pages it lists (pyproject's layers)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from balai.community_groups.selectors import kim_list_public
from balai.public_services.selectors import agencies_with_services, services_with_standard
from balai.publications import selectors
from balai.towers.selectors import towers_public


class PublicationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.public(now=timezone.now()).order_by("pk")

    def lastmod(self, post):
        return post.corrected_at or post.publish_at


class ServiceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return services_with_standard().order_by("pk")

    def location(self, service):
        return reverse("public_services:service", args=[service.agency.code, service.slug])

    def lastmod(self, service):
        return service.updated_at


class AgencyPagesSitemap(Sitemap):
    """Each OPD's service list and its news page."""

    changefreq = "weekly"

    def items(self):
        pages = [("public_services:agency", a.code) for a in agencies_with_services()]
        pages += [("publications:agency", a.code) for a in selectors.publishing_agencies()]
        return pages

    def location(self, item):
        return reverse(item[0], args=[item[1]])


class KimSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return kim_list_public().order_by("pk")


class TowerSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return towers_public()

    def location(self, tower):
        return reverse("towers:public", args=[tower.code])


class StaticSitemap(Sitemap):
    changefreq = "daily"
    NAMES = ["core:home", "publications:news", "publications:agenda",
             "publications:ranking", "public_services:index", "public_services:readiness",
             "complaints:report", "complaints:list", "ppid:index", "ppid:dip", "ppid:archive",
             "community_groups:index", "budget:index", "open_data:catalogue",
             "market:search"]

    def items(self):
        return self.NAMES

    def location(self, name):
        return reverse(name)


SITEMAPS = {"halaman": StaticSitemap, "berita": PublicationSitemap,
            "layanan": ServiceSitemap, "opd": AgencyPagesSitemap, "kim": KimSitemap,
            "menara": TowerSitemap}
