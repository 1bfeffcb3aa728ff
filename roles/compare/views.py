from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from careerpaths.breadcrumbs import breadcrumbs

from .forms import CompareForm
from .selectors import compare_roles, picker_roles


def compare(request):
    """/compare/?roles=a&roles=b[&show=differences]: the picker alone, the comparison, or 400 saying why."""
    asked = "roles" in request.GET or "show" in request.GET
    form = CompareForm(request.GET if asked else None, roles=picker_roles())
    picker = {"form": form, "breadcrumbs": breadcrumbs(current="Compare roles")}
    if not asked:
        return render(request, "roles/compare/compare.html", picker)
    comparison = None
    if form.is_valid():
        comparison = compare_roles(slugs=form.cleaned_data["roles"], only_differences=form.cleaned_data["show"])
        if comparison is None:  # a role was removed while the page was being built
            form.add_error("roles", "One of those roles has just been removed: choose again.")
    if comparison is None:
        return render(request, "roles/compare/compare.html", picker, status=400)
    context = {
        "form": form,
        "comparison": comparison,
        "breadcrumbs": breadcrumbs(("Compare roles", reverse("roles:compare")), current=comparison.heading),
        "printed_from": request.build_absolute_uri(),
        "printed_on": timezone.localdate(),
    }
    return render(request, "roles/compare/compare.html", context)
