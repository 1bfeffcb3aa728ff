"""Reads for the skills check: every role's checklist in a fixed few queries, and the pages built on them."""

from collections import defaultdict
from dataclasses import dataclass

from qualifications.models import KSB

from ..ksbs import fold
from ..models import ProgressionLink, Relevance, Role, RoleQualification, pathway_url
from ..pathways.pathway import pathway_page
from ..qualification_groups import one_of_text, requirements, slug_of
from ..selectors import role_choices as level_groups
from . import checklist
from .checklist import KIND_LABELS, KIND_ORDER, PLAN_STATEMENTS_MAX, Checklist, Item, Parsed


def ksb_item(kind: str, number: int, statement: str, reference: str) -> Item:
    code = f"{kind}{number}"
    return Item(
        code=code,
        kind=kind,
        number=number,
        text=statement,
        keys=frozenset({("ksb", reference, code), ("text", fold(statement))}),
    )


def responsibility_items(role: Role) -> list[Item]:
    return [
        Item(f"R{n}", "R", n, line, frozenset({("text", fold(line))}))
        for n, line in enumerate(role.responsibility_list, start=1)
    ]


def group_key(slugs) -> tuple:
    """What a group of alternatives is known by: holding the role means holding one of them, not all."""
    return ("one-of", tuple(sorted(slugs)))


def qualification_items(role_qualifications) -> list[Item]:
    """One checklist item per requirement: a group of alternatives is one item, "One of: A, B or C", met by
    holding any member (its keys are every member's)."""
    items = []
    for n, requirement in enumerate(requirements(role_qualifications), start=1):
        first = requirement.members[0]
        options = tuple(
            (rq.qualification.name, rq.qualification.get_absolute_url(), rq.qualification.funding_label)
            for rq in requirement.members
        )
        keys = {("qualification", slug) for slug in requirement.slugs}
        single = not requirement.one_of
        items.append(
            Item(
                f"Q{n}",
                "Q",
                n,
                one_of_text([name for name, _, _ in options]),
                frozenset(keys if single else keys | {group_key(requirement.slugs)}),
                url=options[0][1] if single else "",
                slug=slug_of(first),
                note=first.get_relevance_display(),
                funding=options[0][2] if single else "",
                options=() if single else options,
            )
        )
    return items


def evidence_of(item: Item) -> Item:
    """What holding a role that asks for this suggests you hold: the qualification, or one of the group."""
    if not item.options:
        return item
    return Item(item.code, item.kind, item.number, item.text, frozenset(k for k in item.keys if k[0] == "one-of"))


def load_checklists(only: set[str] | None = None) -> tuple[list, dict[str, Checklist]]:
    """Every role as a choice for the pickers, and the checklists of the roles in `only` (every role's when
    None), in three queries: roles with standards, KSBs, role qualifications."""
    every_role = list(Role.objects.select_related("standard").order_by("level", "title"))
    roles = every_role if only is None else [role for role in every_role if role.slug in only]
    ksbs = defaultdict(list)
    # Only the standards these roles use: a standard held for its funding alone adds nothing to a checklist.
    for standard_id, *ksb in KSB.objects.filter(standard_id__in={role.standard_id for role in roles}).rows():
        ksbs[standard_id].append(ksb)
    role_qualifications = defaultdict(list)
    wanted = RoleQualification.objects.ordered().select_related("qualification__apprenticeship")
    if only is not None:
        wanted = wanted.filter(role__in=roles)
    for rq in wanted:
        role_qualifications[rq.role_id].append(rq)
    choices = level_groups((role.slug, role.title, role.level) for role in every_role)
    checklists = {}
    for role in roles:
        standard = role.standard
        standard_items = [ksb_item(*ksb, standard.reference) for ksb in ksbs[standard.pk]] if standard else []
        responsibilities = responsibility_items(role)
        qualifications = qualification_items(role_qualifications[role.pk])
        checklists[role.slug] = Checklist(
            slug=role.slug,
            title=role.title,
            level=role.level,
            url=role.get_absolute_url(),
            standard_reference=standard.reference if standard else "",
            standard_title=standard.title if standard else "",
            standard_url=standard.get_absolute_url() if standard else "",
            standard_funding=standard.funding_label if standard else "",
            items=standard_items or responsibilities + qualifications,
            qualifications=qualifications,
            evidence=standard_items
            + responsibilities
            + [evidence_of(item) for item in qualifications if item.note == Relevance.ESSENTIAL.label],
        )
    return choices, checklists


# --- Pages ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Learning:
    """A qualification or programme in our data that covers gaps, and the rules that say so."""

    name: str
    url: str
    rules: tuple[str, ...]
    funding: str = ""  # an apprenticeship's funding for new starts, in plain words
    options: tuple = ()  # for "one of" a group: (name, url, funding) of each member


def state_params(target: Checklist, current: Checklist | None, have) -> dict[str, str]:
    """The canonical GET parameters of a skills check: what a bookmark or a shared link holds."""
    params = {"target": target.slug}
    if current is not None:
        params["current"] = current.slug
    params["have"] = checklist.encode_codes(have, [item.code for item in target.items])
    return params


def raw_have(query) -> str:
    """Ticked codes from the URL: the compact `have` list and, from the checklist form, one value per box."""
    values = query.getlist("have") + [value for kind in KIND_ORDER for value in query.getlist(kind.lower())]
    return ",".join(values)


def learning_for(target: Checklist, have: frozenset[str], moves: list[tuple[str, str, str, str]]) -> list[Learning]:
    """What in our data covers the gaps, each with the rule that matched.

    Our data links qualifications to roles and to moves between roles, not to single KSBs, so apart from
    the apprenticeship (which by definition covers every KSB of its standard) they cover the gaps as a whole.
    `moves` are (from role title, qualification slug, name, url[, funding]) for the moves into the target role.
    A group of alternatives is one entry, "One of: A, B or C"; ticking it means you hold one of them.
    """
    found: dict[str, tuple] = {}
    if target.uses_ksbs:
        found["apprenticeship"] = (
            f"{target.standard_reference} {target.standard_title} apprenticeship",
            target.standard_url,
            ["The apprenticeship teaches and assesses every KSB in this standard, so it covers each of your gaps."],
            target.standard_funding,
            (),
        )
    held = set()
    for item in target.qualifications:
        if item.code in have and not target.uses_ksbs:
            held |= {key[1] for key in item.keys if key[0] == "qualification"}
            continue  # you ticked it: you have it already
        rule = f"The {target.title} role lists it as {item.note.lower()}."
        found.setdefault(item.slug, (item.text, item.url, [], item.funding, item.options))[2].append(rule)
    in_group = {key[1]: item.slug for item in target.qualifications if item.options for key in item.keys}
    moved_from = defaultdict(list)
    for from_title, slug, name, url, *funding in moves:
        if slug not in held:
            slug = in_group.get(slug, slug)  # a move naming a member of a group points at the group
            found.setdefault(slug, (name, url, [], "".join(funding), ()))
            moved_from[slug].append(from_title)
    for slug, titles in moved_from.items():
        found[slug][2].append(f"Named for the move to {target.title} from {and_list(titles)}.")
    return [Learning(name, url, tuple(rules), *rest) for name, url, rules, *rest in found.values()]


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def moves_into(target: Checklist) -> list[tuple[str, str, str, str]]:
    """The qualifications named for moves into the target role: one query."""
    rows = (
        ProgressionLink.qualifications.through.objects.filter(progressionlink__to_role__slug=target.slug)
        .select_related("qualification__apprenticeship", "progressionlink__from_role")
        .order_by("progressionlink__from_role__level", "progressionlink__from_role__title", "qualification__name")
    )
    return [
        (
            row.progressionlink.from_role.title,
            row.qualification.slug,
            row.qualification.name,
            row.qualification.get_absolute_url(),
            row.qualification.funding_label,
        )
        for row in rows
    ]


def pathway_summary(target: Checklist, current: Checklist | None) -> dict | None:
    """The best route from your current role to the target, from the progression pages' route finding."""
    if current is None:
        return None
    page = pathway_page(from_slug=current.slug, to_slug=target.slug)
    url = pathway_url(current.slug, target.slug)
    if not page.get("routes"):
        return {
            "url": url,
            "roles": [],
            "summary": f"We have no recorded route from {current.title} to {target.title}.",
        }
    best = page["routes"][0]
    steps = len(best.steps)
    if best.unknown_time_steps == steps:
        time = "We have no recorded typical time for it."
    else:
        time = f"Typical time: {best.time_label}."
    return {
        "url": url,
        "roles": [role.title for role in best.roles],
        "summary": f"The best route we know takes {steps} step{'' if steps == 1 else 's'}. {time}",
    }


def checklist_page(target: Checklist, current: Checklist | None, have_text: str | None) -> dict:
    """Step 2: the target's checklist, ticked from the URL or else from what your current role suggests."""
    marks = checklist.premarks(target, current)
    parsed = checklist.parse_codes(have_text, target) if have_text is not None else Parsed(frozenset(marks))
    groups = []
    for kind in KIND_ORDER:
        items = [item for item in target.items if item.kind == kind]
        if items:
            groups.append({"kind": kind, "label": KIND_LABELS[kind], "items": items})
    return {
        "target": target,
        "current": current,
        "groups": groups,
        "premarks": marks,
        "ticked": parsed.codes,
        "problems": parsed.problems,
        "state": state_params(target, current, parsed.codes),
    }


def result_page(target: Checklist, current: Checklist | None, parsed: Parsed, checklists: dict[str, Checklist]) -> dict:
    """Step 3 and the plan: readiness, gaps by theme, learning, the pathway and roles you are close to."""
    summary = checklist.readiness(target, parsed.codes)
    evidenced = [item for item in target.items if item.code in parsed.codes]
    others = [c for c in checklists.values() if current is None or c.slug != current.slug]
    return {
        "target": target,
        "current": current,
        "readiness": summary,
        "themes": checklist.gap_themes(summary.gaps),
        "plan_codes_only": target.uses_ksbs and len(summary.gaps) > PLAN_STATEMENTS_MAX,
        "learning": learning_for(target, parsed.codes, moves_into(target)),
        "close_roles": checklist.close_roles(target, evidenced, others),
        "pathway": pathway_summary(target, current),
        "problems": parsed.problems,
        "state": state_params(target, current, parsed.codes),
    }
