from django.urls import include, path

from . import views

app_name = "qualifications"

# Each kind's list and detail pages share its prefix (include() with a list, as the Django docs suggest).
qualification_pages = [
    path("", views.qualification_list, name="list"),
    path("<str:slug>/", views.qualification_detail, name="detail"),
]
standard_pages = [
    path("", views.standard_list, name="standards"),
    path("<str:reference>/", views.standard_detail, name="standard"),
]

urlpatterns = [path("qualifications/", include(qualification_pages)), path("standards/", include(standard_pages))]
