"""/sitemap.xml: every role, its focused map, every qualification and standard, and the main listing pages.

/sitemap.xml is always a sitemap index naming one sitemap per section; a section longer than `limit`
is split into pages (?p=2, ...) that the index lists, so the sitemap stays valid at any size. Each page
costs a fixed number of queries (the count, the page's rows, and for the listing pages the content date).
`lastmod` is the date an editor last reviewed the content; a qualification has no review of its own, so
it takes its apprenticeship standard's, or else the latest review of the content as a whole.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from qualifications.models import OccupationalStandard, Qualification

from .models import Role
from .opendata.files import content_date

# The main listing pages, by URL name; a name not (yet) routed on this site is left out.
LISTING_PAGES = [
    "home",
    "roles:list",
    "roles:compare",
    "roles:progression",
    "roles:pathway-picker",
    "roles:care-workforce-pathway",
    "qualifications:list",
    "qualifications:standards",
    "roles:skills-check",
    "roles:data",
]


class ContentSitemap(Sitemap):
    limit = 1000  # URLs a page; the protocol allows 50,000, smaller pages are quicker to draw and fetch

    @cached_property
    def content_date(self):
        return content_date()


class ListingSitemap(ContentSitemap):
    def items(self):
        routed = []
        for name in LISTING_PAGES:
            try:
                routed.append((name, reverse(name)))
            except NoReverseMatch:
                continue
        return routed

    def location(self, item):
        return item[1]

    def lastmod(self, item):
        return self.content_date

    def get_latest_lastmod(self):
        return self.content_date


class ReviewedSitemap(ContentSitemap):
    """The pages of a model whose records carry their own last_reviewed date, by their key field."""

    model = None
    key = ""

    def items(self):
        return self.model.objects.only(self.key, "last_reviewed").order_by(self.key)

    def lastmod(self, record):
        return record.last_reviewed

    def get_latest_lastmod(self):
        return self.model.objects.aggregate(latest=Max("last_reviewed"))["latest"]


class RoleSitemap(ReviewedSitemap):
    model, key = Role, "slug"


class RoleMapSitemap(RoleSitemap):
    def location(self, role):
        return reverse("roles:role-progression", args=[role.slug])


class QualificationSitemap(ContentSitemap):
    def items(self):
        return (
            Qualification.objects.select_related("apprenticeship")
            .only("slug", "apprenticeship__last_reviewed")
            .order_by("slug")
        )

    def lastmod(self, qualification):
        reviewed = qualification.apprenticeship.last_reviewed if qualification.apprenticeship_id else None
        return reviewed or self.content_date

    def get_latest_lastmod(self):
        return self.content_date


class StandardSitemap(ReviewedSitemap):
    model, key = OccupationalStandard, "reference"


SITEMAPS = {
    "pages": ListingSitemap,
    "roles": RoleSitemap,
    "role-maps": RoleMapSitemap,
    "qualifications": QualificationSitemap,
    "standards": StandardSitemap,
}
