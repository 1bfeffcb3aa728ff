"""The admin's publishing pages, under /admin/content/ (routed before the admin's own URLs)."""

from django.urls import include, path

from . import admin_views

app_name = "admin-content"

urlpatterns = [
    path(
        "changes/",
        include(
            [
                path("", admin_views.changes, name="changes"),
                path("download/", admin_views.download, name="download"),
                path("write/", admin_views.write, name="write"),
            ]
        ),
    ),
    path("review/", admin_views.review, name="review"),
]
