from django.urls import path

from . import data_views, skills_views, views

app_name = "roles"

urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<str:slug>/", views.role_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
    path("roles/<str:slug>/progression/", views.role_progression, name="role-progression"),
    path("progression/", views.progression_map, name="progression"),
    path("pathway/", views.pathway_picker, name="pathway-picker"),
    path("pathway/<str:from_slug>/<str:to_slug>/", views.pathway, name="pathway"),
    path("data/", data_views.data, name="data"),
    path("data/<slug:dataset>.json", data_views.data_download, {"fmt": "json"}, name="data-json"),
    path("data/<slug:dataset>.csv", data_views.data_download, {"fmt": "csv"}, name="data-csv"),
]

urlpatterns += [
    path("skills-check/", skills_views.skills_start, name="skills-check"),
    path("skills-check/check/", skills_views.skills_checklist, name="skills-checklist"),
    path("skills-check/result/", skills_views.skills_result, name="skills-result"),
    path("skills-check/plan/", skills_views.skills_plan, name="skills-plan"),
]
