from django.urls import include, path

from . import views
from .compare import views as compare_views
from .opendata import views as data_views
from .pathways import views as pathway_views
from .skills import views as skills_views

app_name = "roles"

# Groups of pages under one prefix share it (include() with a list, as the Django docs suggest).
data_files = [
    path("", data_views.data, name="data"),
    path("datapackage.json", data_views.data_package, name="data-package"),
    path("<slug:dataset>.json", data_views.data_download, {"fmt": "json"}, name="data-json"),
    path("<slug:dataset>.csv", data_views.data_download, {"fmt": "csv"}, name="data-csv"),
]
skills_check = [
    path("", skills_views.skills_start, name="skills-check"),
    path("check/", skills_views.skills_checklist, name="skills-checklist"),
    path("result/", skills_views.skills_result, name="skills-result"),
    path("plan/", skills_views.skills_plan, name="skills-plan"),
]
role_pages = [
    path("", views.role_detail, name="detail"),
    path("progression/", pathway_views.role_progression, name="role-progression"),
]
urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<str:slug>/", include(role_pages)),
    path("care-workforce-pathway/", views.workforce_pathway, name="care-workforce-pathway"),
    path("compare/", compare_views.compare, name="compare"),
    path("progression/", pathway_views.progression_map, name="progression"),
    path("pathway/", pathway_views.pathway_picker, name="pathway-picker"),
    path("pathway/<str:from_slug>/<str:to_slug>/", pathway_views.pathway, name="pathway"),
    path("data/", include(data_files)),
    path("skills-check/", include(skills_check)),
]
