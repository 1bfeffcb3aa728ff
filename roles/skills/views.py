"""The skills check: /skills-check/ (choose roles), check/ (tick what you can show), result/ and plan/.

Every step is a GET form or link, so it works without JavaScript and the whole state is in the URL.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from careerpaths.breadcrumbs import breadcrumbs

from ..selectors import role_choices
from .checklist import parse_codes
from .forms import SkillsChecklistForm, SkillsRolesForm
from .selectors import checklist_page, load_checklists, raw_have, result_page, state_params


def step_crumbs(current: str):
    """Every step after the first sits under the skills check's start page."""
    return breadcrumbs(("Skills check", reverse("roles:skills-check")), current=current)


@require_safe
def skills_start(request):
    initial = {key: request.GET.get(key, "") for key in ("target", "current")}
    form = SkillsRolesForm(initial=initial, role_choices=role_choices())
    trail = breadcrumbs(current="Skills check")
    return render(request, "roles/skills/skills_start.html", {"form": form, "breadcrumbs": trail})


def chosen_roles(request, only_those: bool = False):
    """The target and current roles' checklists from the URL (with every role's when not `only_those`), or the
    step 1 page with its errors (400). The form checks the roles against every role either way."""
    wanted = {request.GET.get("target", ""), request.GET.get("current", "")} if only_those else None
    choices, checklists = load_checklists(only=wanted)
    form = SkillsRolesForm(request.GET, role_choices=choices)
    if not form.is_valid():
        context = {"form": form, "breadcrumbs": step_crumbs("Choose the roles")}
        return None, None, None, render(request, "roles/skills/skills_start.html", context, status=400)
    target, current = checklists[form.cleaned_data["target"]], checklists.get(form.cleaned_data["current"])
    return target, current, checklists, None


@require_safe
def skills_checklist(request):
    # Step 2 shows two checklists, so it builds only those two.
    target, current, _, error_page = chosen_roles(request, only_those=True)
    if error_page:
        return error_page
    have = raw_have(request.GET) if "have" in request.GET else None
    page = checklist_page(target, current, have)
    context = {**page, "form": SkillsChecklistForm(page=page), "breadcrumbs": step_crumbs("What you can show")}
    return render(request, "roles/skills/skills_check.html", context, status=400 if page["problems"] else 200)


def skills_outcome(request, template, step: str):
    """The result and the plan share their state: canonical URLs redirect, bad parts are explained (400)."""
    target, current, checklists, error_page = chosen_roles(request)
    if error_page:
        return error_page
    parsed = parse_codes(raw_have(request.GET), target)
    state = state_params(target, current, parsed.codes)
    if not parsed.problems and {key: request.GET.getlist(key) for key in request.GET} != {
        key: [value] for key, value in state.items()
    }:
        return redirect(f"{request.path}?{urlencode(state, safe=',')}")
    context = {**result_page(target, current, parsed, checklists), "query": urlencode(state, safe=",")}
    context["printed_on"] = timezone.localdate()
    context["breadcrumbs"] = step_crumbs(step)
    return render(request, template, context, status=400 if parsed.problems else 200)


@require_safe
def skills_result(request):
    return skills_outcome(request, "roles/skills/skills_result.html", "Your result")


@require_safe
def skills_plan(request):
    return skills_outcome(request, "roles/skills/skills_plan.html", "Your development plan")
