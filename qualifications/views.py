from django.shortcuts import redirect, render
from django.urls import reverse

from careerpaths.errors import ContentNotFound
from careerpaths.text import shown

from .models import OccupationalStandard
from .selectors import qualification_directory, qualification_profile, standard_profile


def qualification_list(request):
    page = request.GET.get("page") or "1"  # an empty page number means the first page
    directory = qualification_directory(page=page)
    if directory is None:
        raise ContentNotFound(
            f"There is no page '{shown(page)}' of the list of qualifications.",
            suggestion_url=reverse("qualifications:list"),
            suggestion_text="Go to the first page",
        )
    return render(request, "qualifications/qualification_list.html", directory)


def qualification_detail(request, slug):
    profile = qualification_profile(slug=slug)
    if profile is None:
        raise ContentNotFound(
            f"We do not have a qualification called '{slug}'.",
            suggestion_url=reverse("qualifications:list"),
            suggestion_text="See all qualifications",
        )
    return render(request, "qualifications/qualification_detail.html", profile)


def standard_list(request):
    standards = OccupationalStandard.objects.all()
    return render(request, "qualifications/standard_list.html", {"standards": standards})


def standard_detail(request, reference):
    if reference != reference.lower():
        return redirect("qualifications:standard", reference=reference.lower(), permanent=True)
    standard = (
        OccupationalStandard.objects.select_related("source", "median_salary_source", "funding_source")
        .filter(reference=reference.upper())
        .first()
    )
    if standard is None:
        raise ContentNotFound(
            f"We do not have an occupational standard with the reference '{reference}'.",
            suggestion_url=reverse("qualifications:standards"),
            suggestion_text="See the standards we hold",
        )
    return render(request, "qualifications/standard_detail.html", standard_profile(standard=standard))
