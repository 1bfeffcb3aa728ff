from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from careerpaths.errors import found, page_found
from careerpaths.paging import page_url

from .compare.forms import CompareForm
from .compare.selectors import picker_roles
from .forms import RoleFilterForm
from .selectors import home_page, role_directory, role_profile
from .structured_data import occupation
from .workforce import care_workforce_pathway


def home(request):
    page = home_page()
    roles = [role for group in page["level_groups"] for role in group["roles"]]
    return render(request, "roles/home.html", {**page, "compare_form": CompareForm(roles=roles)})


def role_list(request):
    form = RoleFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "roles/role_list.html", {"form": form, **role_directory()}, status=400)
    filters = {name: value for name, value in (form.cleaned_data if request.GET else {}).items() if value}
    page = request.GET.get("page") or "1"  # an empty page number means the first page
    first_page = page_url(reverse("roles:list"), filters, 1)
    directory = page_found(role_directory(**filters, page=page), page, "this list of roles", first_page)
    return render(request, "roles/role_list.html", {"form": form, "filters": filters, **directory})


def role_detail(request, slug):
    profile = found(
        role_profile(slug=slug), f"We do not have a role called '{slug}'.", reverse("roles:list"), "See all roles"
    )
    compare_form = CompareForm(roles=picker_roles(), fixed_role=profile["role"])
    described = occupation(profile["role"], absolute=request.build_absolute_uri)
    return render(
        request, "roles/role_detail.html", {**profile, "compare_form": compare_form, "structured_data": described}
    )


@require_safe
def workforce_pathway(request):
    return render(request, "roles/care_workforce_pathway.html", care_workforce_pathway())
