from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<str:slug>/", views.role_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
    path("roles/<str:slug>/progression/", views.role_progression, name="role-progression"),
    path("progression/", views.progression_map, name="progression"),
    path("pathway/", views.pathway_picker, name="pathway-picker"),
    path("pathway/<str:from_slug>/<str:to_slug>/", views.pathway, name="pathway"),
]
