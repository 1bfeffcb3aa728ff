from django.shortcuts import redirect, render

from .errors import ContentNotFound
from .models import OccupationalStandard
from .selectors import qualification_groups, qualification_profile, standard_profile


def qualification_list(request):
    return render(request, "qualifications/qualification_list.html", {"groups": qualification_groups()})


def qualification_detail(request, slug):
    profile = qualification_profile(slug=slug)
    if profile is None:
        raise ContentNotFound(
            f"We do not have a qualification called '{slug}'.",
            suggestion_url="/qualifications/",
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
        OccupationalStandard.objects.select_related("source", "median_salary_source")
        .filter(reference=reference.upper())
        .first()
    )
    if standard is None:
        raise ContentNotFound(
            f"We do not have an occupational standard with the reference '{reference}'.",
            suggestion_url="/standards/",
            suggestion_text="See the standards we hold",
        )
    return render(request, "qualifications/standard_detail.html", standard_profile(standard=standard))
