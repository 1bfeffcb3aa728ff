from django.urls import path

from . import views

app_name = "qualifications"

urlpatterns = [
    path("qualifications/", views.qualification_list, name="list"),
    path("qualifications/<str:slug>/", views.qualification_detail, name="detail"),
    path("standards/", views.standard_list, name="standards"),
    path("standards/<str:reference>/", views.standard_detail, name="standard"),
]
