from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from careerpaths import views as site_views
from roles import views as role_views
from roles.sitemaps import SITEMAPS

urlpatterns = [
    path("", role_views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("", include("roles.urls")),
    path("", include("qualifications.urls")),
    # The publishing pages live inside the admin (its sign-in and look) but are ours: before its catch-all.
    path("admin/content/", include("roles.content.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's); ours name the SVG.
    path("favicon.ico", RedirectView.as_view(url=static("images/favicon.svg"), permanent=True)),
]

# Only for `make bench`: never routed unless BENCH_BASELINE=1 is set.
if settings.BENCH_BASELINE_ENABLED:
    urlpatterns.append(path("bench/baseline", site_views.bench_baseline, name="bench-baseline"))

handler400 = "careerpaths.views.bad_request"
handler403 = "careerpaths.views.permission_denied"
handler404 = "careerpaths.views.page_not_found"
handler500 = "careerpaths.views.server_error"
