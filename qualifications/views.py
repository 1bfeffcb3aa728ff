from django.shortcuts import redirect, render
from django.urls import reverse

from careerpaths.errors import found, page_found

from .models import OccupationalStandard
from .selectors import qualification_directory, qualification_profile, standard_profile


def qualification_list(request):
    page = request.GET.get("page") or "1"  # an empty page number means the first page
    directory = page_found(
        qualification_directory(page=page), page, "the list of qualifications", reverse("qualifications:list")
    )
    return render(request, "qualifications/qualification_list.html", directory)


def qualification_detail(request, slug):
    profile = found(
        qualification_profile(slug=slug),
        f"We do not have a qualification called '{slug}'.",
        reverse("qualifications:list"),
        "See all qualifications",
    )
    return render(request, "qualifications/qualification_detail.html", profile)


def standard_list(request):
    standards = OccupationalStandard.objects.all()
    return render(request, "qualifications/standard_list.html", {"standards": standards})


def standard_detail(request, reference):
    if reference != reference.lower():
        return redirect("qualifications:standard", reference=reference.lower(), permanent=True)
    standard = found(
        OccupationalStandard.objects.select_related("source", "median_salary_source", "funding_source")
        .filter(reference=reference.upper())
        .first(),
        f"We do not have an occupational standard with the reference '{reference}'.",
        reverse("qualifications:standards"),
        "See the standards we hold",
    )
    return render(request, "qualifications/standard_detail.html", standard_profile(standard=standard))
