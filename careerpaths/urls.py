from django.contrib import admin
from django.urls import include, path

from roles import views as role_views

urlpatterns = [
    path("", role_views.home, name="home"),
    path("healthz", role_views.healthz, name="healthz"),
    path("", include("roles.urls")),
    path("", include("qualifications.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "roles.views.page_not_found"
