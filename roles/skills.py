"""The skills check: which of a role's KSBs you can evidence, what is missing, and how to close the gap.

Everything the user chooses lives in the URL, so there is no account and nothing is stored:

    /skills-check/result/?target=deputy-manager&current=senior-care-worker&have=K1-K5,K9,S3,B1-B6

`have` lists the checklist codes you ticked, relative to the target role's checklist. A role's checklist is
its standard's KSBs (K, S and B codes as the standard numbers them) or, when it has no standard with KSBs
loaded, its responsibilities (R1, R2, ... in the order the profile lists them) and the qualifications it
asks for (Q1, Q2, ... most important first). A run of codes is written as a range, K1-K5.

The pure functions here (parse_codes, encode_codes, readiness, gap_themes, close_roles, premarks) work on
plain data and are unit-tested without the database; the selectors at the end read everything in a fixed
number of queries.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from qualifications.models import KSB

from .comparison import SAME_STANDARD, SAME_WORDING, fold
from .models import ProgressionLink, Role, RoleQualification
from .progression import pathway_page, pathway_url

KIND_ORDER = "KSBRQ"
KIND_LABELS = {
    "K": "Knowledge",
    "S": "Skills",
    "B": "Behaviours",
    "R": "Responsibilities",
    "Q": "Qualifications",
}

# What a role's own qualification counts as evidence of, when it is the role you have now.
SAME_QUALIFICATION = "same qualification"

# Beyond this many gaps the printed plan lists KSB codes by topic rather than every statement, so it
# stays within two sheets of A4 even for ST0510's 90 KSBs.
PLAN_STATEMENTS_MAX = 14

# Longer than any real selection (ST0510's 90 KSBs, one by one, is about 400 characters).
MAX_HAVE_LENGTH = 2000

TOKEN = re.compile(r"^([A-Z])(\d{1,4})(?:-([A-Z])?(\d{1,4}))?$")


# --- Plain data -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One line of a checklist: a KSB quoted word for word, a responsibility or a qualification."""

    code: str
    kind: str
    number: int
    text: str
    # What makes two items the same thing: ("ksb", "ST0008", "K1"), ("text", folded wording) or
    # ("qualification", slug). Two roles share an item when their items have a key in common.
    keys: frozenset = frozenset()
    url: str = ""
    slug: str = ""  # a qualification's slug
    note: str = ""  # a qualification's relevance to the role, e.g. "Essential"

    @property
    def sort_key(self) -> tuple[int, int]:
        return KIND_ORDER.index(self.kind), self.number


@dataclass
class Checklist:
    """A role and what its skills check asks about."""

    slug: str
    title: str
    level: int
    url: str
    standard_reference: str = ""
    standard_title: str = ""
    standard_url: str = ""
    items: list[Item] = field(default_factory=list)
    qualifications: list[Item] = field(default_factory=list)
    # What holding this role already suggests you can show: its KSBs and responsibilities, and the
    # qualifications it counts essential.
    evidence: list[Item] = field(default_factory=list)

    @property
    def uses_ksbs(self) -> bool:
        return bool(self.items) and self.items[0].kind in "KSB"

    @property
    def describe(self) -> str:
        if self.uses_ksbs:
            return f"{self.standard_reference} {self.standard_title}"
        return f"the {self.title} checklist"


@dataclass(frozen=True)
class Parsed:
    codes: frozenset[str]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Premark:
    code: str
    rule: str  # SAME_STANDARD, SAME_WORDING or SAME_QUALIFICATION


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    evidenced: int
    total: int


@dataclass(frozen=True)
class Theme:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Readiness:
    evidenced: int
    total: int
    by_kind: tuple[KindCount, ...]
    gaps: tuple[Item, ...]

    @property
    def percent(self) -> int:
        """The share you can evidence, to the nearest whole per cent (halves round up)."""
        if not self.total:
            return 0
        return (200 * self.evidenced + self.total) // (2 * self.total)


@dataclass(frozen=True)
class CloseRole:
    slug: str
    title: str
    url: str
    level: int
    evidenced: int
    total: int

    @property
    def percent(self) -> int:
        return (200 * self.evidenced + self.total) // (2 * self.total)


# --- The state in the URL ---------------------------------------------------------------------------------


def encode_codes(codes, order: list[str]) -> str:
    """The compact form of a selection: K1-K5,K7,S2-S3 (in checklist order, runs as ranges)."""
    position = {code: n for n, code in enumerate(order)}
    chosen = sorted((code for code in set(codes) if code in position), key=position.__getitem__)
    parts = []
    run: list[str] = []
    for code in chosen:
        if run and code[0] == run[-1][0] and int(code[1:]) == int(run[-1][1:]) + 1:
            run.append(code)
            continue
        if run:
            parts.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [code]
    if run:
        parts.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ",".join(parts)


def shown(token: str) -> str:
    return token if len(token) <= 20 else token[:20] + "…"


def parse_codes(text: str, checklist: Checklist) -> Parsed:
    """The codes `text` selects from the checklist, and a plain-English line for each part we could not use.

    Never raises: unknown codes, codes the checklist does not have, ranges across kinds and junk are left
    out and explained, and everything valid is kept.
    """
    problems = []
    if len(text) > MAX_HAVE_LENGTH:
        problems.append(
            f"The list of ticked items was too long, so we read only its first {MAX_HAVE_LENGTH} characters."
        )
        text = text[:MAX_HAVE_LENGTH]
    numbers = defaultdict(set)
    for item in checklist.items:
        numbers[item.kind].add(item.number)
    codes = set()
    for raw in re.split(r"[\s,]+", text.strip()):
        if not raw:
            continue
        token = raw.upper()
        match = TOKEN.match(token)
        if not match:
            problems.append(
                f"We did not recognise “{shown(raw)}”: codes look like K1, S12 or B3, and ranges like K1-K5."
            )
            continue
        kind, first, end_kind, last = match.group(1), int(match.group(2)), match.group(3), match.group(4)
        if kind not in numbers:
            problems.append(f"{shown(token)} is not in {checklist.describe}: {kinds_sentence(numbers)}.")
            continue
        if end_kind and end_kind != kind:
            problems.append(f"{shown(token)} mixes two kinds: a range stays within one kind, like {kind}1-{kind}5.")
            continue
        if last is None:
            if first in numbers[kind]:
                codes.add(f"{kind}{first}")
            else:
                problems.append(f"{token} is not in {checklist.describe}: {range_sentence(kind, numbers[kind])}.")
            continue
        low, high = sorted((first, int(last)))
        inside = {n for n in numbers[kind] if low <= n <= high}
        codes.update(f"{kind}{n}" for n in inside)
        if len(inside) < high - low + 1:
            problems.append(
                f"{token} goes beyond {checklist.describe}: {range_sentence(kind, numbers[kind])}, "
                f"so we kept {len(inside)} of them."
            )
    return Parsed(frozenset(codes), tuple(dict.fromkeys(problems)))


def range_sentence(kind: str, numbers: set[int]) -> str:
    return f"its {KIND_LABELS[kind].lower()} run from {kind}{min(numbers)} to {kind}{max(numbers)}"


def kinds_sentence(numbers: dict) -> str:
    kinds = [kind for kind in KIND_ORDER if kind in numbers]
    return "its codes start with " + " or ".join(", ".join(kinds).rsplit(", ", 1))


# --- Readiness and gaps -----------------------------------------------------------------------------------


def premarks(target: Checklist, current: Checklist | None) -> dict[str, Premark]:
    """Target items your current role suggests you already have, with the rule that matched.

    The same rules as the comparison page: roles under the same standard share all its KSBs, and across
    standards a statement is shared when it reads the same once folded (comparison.fold). Responsibilities
    match on folded wording; a qualification matches when your current role counts it essential.
    """
    if current is None or current.slug == target.slug:
        return {}
    held = {key for item in current.evidence for key in item.keys}
    marks = {}
    for item in target.items:
        matched = item.keys & held
        if not matched:
            continue
        kinds = {key[0] for key in matched}
        rule = SAME_STANDARD if "ksb" in kinds else SAME_QUALIFICATION if "qualification" in kinds else SAME_WORDING
        marks[item.code] = Premark(item.code, rule)
    return marks


def readiness(checklist: Checklist, have: frozenset[str]) -> Readiness:
    """How many of the checklist's items you ticked, overall and by kind, and the ones you did not."""
    by_kind = []
    for kind in KIND_ORDER:
        items = [item for item in checklist.items if item.kind == kind]
        if items:
            evidenced = sum(1 for item in items if item.code in have)
            by_kind.append(KindCount(kind, KIND_LABELS[kind], evidenced, len(items)))
    gaps = tuple(item for item in checklist.items if item.code not in have)
    total = len(checklist.items)
    return Readiness(total - len(gaps), total, tuple(by_kind), gaps)


# A rough grouping of knowledge and skills statements by the words they use, so a plan reads by topic
# rather than by code. The first theme whose word stems start a word in the statement wins; anything
# else is "Other knowledge and skills". Behaviours form their own theme. It is a reading aid, not a rule:
# the statements themselves are always shown word for word.
THEMES = [
    ("Safeguarding", ("safeguard", "abuse", "neglect", "whistleblow", "harm", "exploitation")),
    ("Health, safety and risk", ("risk", "safety", "safe", "infection", "medication", "hazard", "health")),
    (
        "Law, regulation and quality",
        ("legislat", "legal", "law", "regulat", "statutory", "polic", "compliance", "quality", "governance"),
    ),
    (
        "Leading people and services",
        ("lead", "manag", "supervis", "team", "resource", "change", "performance", "culture", "delegat"),
    ),
    ("Communication and records", ("communicat", "record", "report", "information", "confidential", "listen")),
    (
        "Person-centred practice",
        ("person centred", "person-centred", "dignity", "choice", "rights", "divers", "equality", "inclusi"),
    ),
    ("Learning and development", ("learn", "develop", "reflect", "research", "evidence", "train")),
]
THEME_PATTERNS = [(name, re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + ")", re.I)) for name, stems in THEMES]
OTHER_THEME = "Other knowledge and skills"
BEHAVIOUR_THEME = "Values and behaviours"


def theme_of(item: Item) -> str:
    if item.kind == "B":
        return BEHAVIOUR_THEME
    if item.kind in "RQ":
        return KIND_LABELS[item.kind]
    return next((name for name, pattern in THEME_PATTERNS if pattern.search(item.text)), OTHER_THEME)


def gap_themes(gaps) -> list[Theme]:
    """The gaps under their themes, themes in a fixed order, items in checklist order within each."""
    order = [name for name, _ in THEMES] + [OTHER_THEME, BEHAVIOUR_THEME, KIND_LABELS["R"], KIND_LABELS["Q"]]
    grouped = defaultdict(list)
    for item in sorted(gaps, key=lambda i: i.sort_key):
        grouped[theme_of(item)].append(item)
    return [Theme(name, tuple(grouped[name])) for name in order if grouped[name]]


def close_roles(
    target: Checklist, evidenced: list[Item], others: list[Checklist], *, limit: int = 5
) -> list[CloseRole]:
    """Other roles ranked by how many of their items what you ticked also covers (the same sharing rules)."""
    held = {key for item in evidenced for key in item.keys}
    ranked = []
    for role in others:
        if role.slug == target.slug or not role.items:
            continue
        count = sum(1 for item in role.items if item.keys & held)
        if count:
            ranked.append(CloseRole(role.slug, role.title, role.url, role.level, count, len(role.items)))
    ranked.sort(key=lambda r: (-r.evidenced, -r.evidenced / r.total, r.level, r.title))
    return ranked[:limit]


# --- Reading the roles ------------------------------------------------------------------------------------


def ksb_item(ksb: KSB, reference: str) -> Item:
    return Item(
        code=ksb.code,
        kind=ksb.kind,
        number=ksb.number,
        text=ksb.statement,
        keys=frozenset({("ksb", reference, ksb.code), ("text", fold(ksb.statement))}),
    )


def responsibility_items(role: Role) -> list[Item]:
    return [
        Item(f"R{n}", "R", n, line, frozenset({("text", fold(line))}))
        for n, line in enumerate(role.responsibility_list, start=1)
    ]


def qualification_items(role_qualifications) -> list[Item]:
    return [
        Item(
            f"Q{n}",
            "Q",
            n,
            rq.qualification.name,
            frozenset({("qualification", rq.qualification.slug)}),
            url=rq.qualification.get_absolute_url(),
            slug=rq.qualification.slug,
            note=rq.get_relevance_display(),
        )
        for n, rq in enumerate(role_qualifications, start=1)
    ]


def load_checklists() -> dict[str, Checklist]:
    """Every role's checklist, in three queries: roles with standards, KSBs, role qualifications."""
    roles = list(Role.objects.select_related("standard").order_by("level", "title"))
    ksbs = defaultdict(list)
    for ksb in KSB.objects.select_related("standard").ordered():
        ksbs[ksb.standard_id].append(ksb)
    role_qualifications = defaultdict(list)
    for rq in RoleQualification.objects.ordered().select_related("qualification"):
        role_qualifications[rq.role_id].append(rq)
    checklists = {}
    for role in roles:
        standard = role.standard
        standard_items = [ksb_item(ksb, standard.reference) for ksb in ksbs[standard.pk]] if standard else []
        responsibilities = responsibility_items(role)
        qualifications = qualification_items(role_qualifications[role.pk])
        essential = {rq.qualification.slug for rq in role_qualifications[role.pk] if rq.relevance == "essential"}
        checklists[role.slug] = Checklist(
            slug=role.slug,
            title=role.title,
            level=role.level,
            url=role.get_absolute_url(),
            standard_reference=standard.reference if standard else "",
            standard_title=standard.title if standard else "",
            standard_url=standard.get_absolute_url() if standard else "",
            items=standard_items or responsibilities + qualifications,
            qualifications=qualifications,
            evidence=standard_items + responsibilities + [item for item in qualifications if item.slug in essential],
        )
    return checklists


# --- Pages ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Learning:
    """A qualification or programme in our data that covers gaps, and the rules that say so."""

    name: str
    url: str
    rules: tuple[str, ...]


def role_choices(checklists: dict[str, Checklist]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Roles for the pickers, grouped by level."""
    groups = defaultdict(list)
    for checklist in sorted(checklists.values(), key=lambda c: (c.level, c.title)):
        groups[f"Level {checklist.level}"].append((checklist.slug, checklist.title))
    return list(groups.items())


def premark_hint(item: Item, mark: Premark | None, current: Checklist | None) -> str:
    """Why an item is ticked before you start: the rule that matched, in plain words."""
    if mark is None or current is None:
        return ""
    if mark.rule == SAME_STANDARD:
        why = f"{current.title} comes under the same standard"
    elif mark.rule == SAME_QUALIFICATION:
        why = f"{current.title} asks for this qualification as essential"
    elif item.kind == "R":
        why = f"{current.title} has a responsibility that reads the same"
    else:
        why = f"the {current.standard_reference} standard for {current.title} has a statement that reads the same"
    return f"Likely already covered: {why}. Untick it if you cannot show it yet."


def state_params(target: Checklist, current: Checklist | None, have) -> dict[str, str]:
    """The canonical GET parameters of a skills check: what a bookmark or a shared link holds."""
    params = {"target": target.slug}
    if current is not None:
        params["current"] = current.slug
    params["have"] = encode_codes(have, [item.code for item in target.items])
    return params


def raw_have(query) -> str:
    """Ticked codes from the URL: the compact `have` list and, from the checklist form, one value per box."""
    values = query.getlist("have") + [value for kind in KIND_ORDER for value in query.getlist(kind.lower())]
    return ",".join(values)


def learning_for(target: Checklist, have: frozenset[str], moves: list[tuple[str, str, str, str]]) -> list[Learning]:
    """What in our data covers the gaps, each with the rule that matched.

    Our data links qualifications to roles and to moves between roles, not to single KSBs, so apart from
    the apprenticeship (which by definition covers every KSB of its standard) they cover the gaps as a whole.
    `moves` are (from role title, qualification slug, name, url) for the moves into the target role.
    """
    found: dict[str, tuple[str, str, list[str]]] = {}
    if target.uses_ksbs:
        found["apprenticeship"] = (
            f"{target.standard_reference} {target.standard_title} apprenticeship",
            target.standard_url,
            ["The apprenticeship teaches and assesses every KSB in this standard, so it covers each of your gaps."],
        )
    for item in target.qualifications:
        if item.code in have and not target.uses_ksbs:
            continue  # you ticked it: you have it already
        rule = f"The {target.title} role lists it as {item.note.lower()}."
        found.setdefault(item.slug, (item.text, item.url, []))[2].append(rule)
    held = {item.slug for item in target.qualifications if item.code in have and not target.uses_ksbs}
    moved_from = defaultdict(list)
    for from_title, slug, name, url in moves:
        if slug not in held:
            found.setdefault(slug, (name, url, []))
            moved_from[slug].append(from_title)
    for slug, titles in moved_from.items():
        found[slug][2].append(f"Named for the move to {target.title} from {and_list(titles)}.")
    return [Learning(name, url, tuple(rules)) for name, url, rules in found.values()]


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def moves_into(target: Checklist) -> list[tuple[str, str, str, str]]:
    """The qualifications named for moves into the target role: one query."""
    rows = (
        ProgressionLink.qualifications.through.objects.filter(progressionlink__to_role__slug=target.slug)
        .select_related("qualification", "progressionlink__from_role")
        .order_by("progressionlink__from_role__level", "progressionlink__from_role__title", "qualification__name")
    )
    return [
        (
            row.progressionlink.from_role.title,
            row.qualification.slug,
            row.qualification.name,
            row.qualification.get_absolute_url(),
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
    marks = premarks(target, current)
    parsed = parse_codes(have_text, target) if have_text is not None else Parsed(frozenset(marks))
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
    summary = readiness(target, parsed.codes)
    evidenced = [item for item in target.items if item.code in parsed.codes]
    others = [c for c in checklists.values() if current is None or c.slug != current.slug]
    return {
        "target": target,
        "current": current,
        "readiness": summary,
        "themes": gap_themes(summary.gaps),
        "plan_codes_only": target.uses_ksbs and len(summary.gaps) > PLAN_STATEMENTS_MAX,
        "learning": learning_for(target, parsed.codes, moves_into(target)),
        "close_roles": close_roles(target, evidenced, others),
        "pathway": pathway_summary(target, current),
        "problems": parsed.problems,
        "state": state_params(target, current, parsed.codes),
    }
