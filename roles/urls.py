from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("roles/", views.role_list, name="list"),
    path("roles/<str:slug>/", views.role_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
]
