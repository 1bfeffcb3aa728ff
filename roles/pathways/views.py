from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from careerpaths.breadcrumbs import breadcrumbs
from careerpaths.errors import ContentNotFound

from ..models import pathway_url
from ..selectors import role_choices
from .forms import MapFilterForm, PathwayForm
from .maps import progression_map as map_page
from .maps import role_progression as focused_map_page
from .pathway import pathway_page


def progression_map(request):
    form = MapFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        page = map_page()
        return render(request, "roles/pathways/progression_map.html", {"form": form, **page}, status=400)
    filters = form.cleaned_data if request.GET else {}
    context = {"form": form, "filtered": any(filters.values()), **map_page(**filters)}
    return render(request, "roles/pathways/progression_map.html", context)


def progression_crumb() -> tuple[str, str]:
    return ("Progression", reverse("roles:progression"))


def picker_page(form) -> dict:
    return {"form": form, "breadcrumbs": breadcrumbs(progression_crumb(), current="Plan a route")}


def role_progression(request, slug):
    page = focused_map_page(slug=slug)
    if page is None:
        raise ContentNotFound(
            f"We do not have a role called '{slug}'.",
            suggestion_url=reverse("roles:progression"),
            suggestion_text="See the map",
        )
    role = page["role"]
    trail = breadcrumbs(progression_crumb(), (role.title, role.get_absolute_url()), current="Where it leads")
    return render(request, "roles/pathways/role_progression.html", {**page, "breadcrumbs": trail})


def pathway_picker(request):
    form = PathwayForm(request.GET or None, role_choices=role_choices())
    if not request.GET:
        return render(request, "roles/pathways/pathway_picker.html", picker_page(form))
    if not form.is_valid():
        return render(request, "roles/pathways/pathway_picker.html", picker_page(form), status=400)
    return redirect(pathway_url(form.cleaned_data["from"], form.cleaned_data["to"]))


def pathway(request, from_slug, to_slug):
    page = pathway_page(from_slug=from_slug, to_slug=to_slug)
    if page["unknown"]:
        names = " or ".join(f"'{slug}'" for slug in page["unknown"])
        raise ContentNotFound(
            f"We do not have a role called {names}.",
            suggestion_url=reverse("roles:pathway-picker"),
            suggestion_text="Choose two roles from the list",
        )
    if from_slug == to_slug:
        form = PathwayForm({"from": from_slug, "to": to_slug}, role_choices=role_choices())
        form.is_valid()
        return render(request, "roles/pathways/pathway_picker.html", picker_page(form), status=400)
    printed = {"printed_from": request.build_absolute_uri(), "printed_on": timezone.localdate()}
    route = f"From {page['from_role'].title} to {page['to_role'].title}"
    trail = breadcrumbs(progression_crumb(), ("Plan a route", reverse("roles:pathway-picker")), current=route)
    return render(request, "roles/pathways/pathway.html", {**page, **printed, "breadcrumbs": trail})
