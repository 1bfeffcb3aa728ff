from django.urls import path

from . import views
from .compare import views as compare_views
from .opendata import views as data_views
from .pathways import views as pathway_views
from .skills import views as skills_views

app_name = "roles"

urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<str:slug>/", views.role_detail, name="detail"),
    path("care-workforce-pathway/", views.workforce_pathway, name="care-workforce-pathway"),
    path("compare/", compare_views.compare, name="compare"),
    path("roles/<str:slug>/progression/", pathway_views.role_progression, name="role-progression"),
    path("progression/", pathway_views.progression_map, name="progression"),
    path("pathway/", pathway_views.pathway_picker, name="pathway-picker"),
    path("pathway/<str:from_slug>/<str:to_slug>/", pathway_views.pathway, name="pathway"),
    path("data/", data_views.data, name="data"),
    path("data/datapackage.json", data_views.data_package, name="data-package"),
    path("data/<slug:dataset>.json", data_views.data_download, {"fmt": "json"}, name="data-json"),
    path("data/<slug:dataset>.csv", data_views.data_download, {"fmt": "csv"}, name="data-csv"),
]

urlpatterns += [
    path("skills-check/", skills_views.skills_start, name="skills-check"),
    path("skills-check/check/", skills_views.skills_checklist, name="skills-checklist"),
    path("skills-check/result/", skills_views.skills_result, name="skills-result"),
    path("skills-check/plan/", skills_views.skills_plan, name="skills-plan"),
]
