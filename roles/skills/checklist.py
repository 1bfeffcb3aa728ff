"""The skills check: which of a role's KSBs you can evidence, what is missing, and how to close the gap.

Everything the user chooses lives in the URL, so there is no account and nothing is stored:

    /skills-check/result/?target=deputy-manager&current=senior-care-worker&have=K1-K5,K9,S3,B1-B6

`have` lists the checklist codes you ticked, relative to the target role's checklist. A role's checklist is
its standard's KSBs (K, S and B codes as the standard numbers them) or, when it has no standard with KSBs
loaded, its responsibilities (R1, R2, ... in the order the profile lists them) and the qualifications it
asks for (Q1, Q2, ... most important first). A run of codes is written as a range, K1-K5.

The pure functions here (parse_codes, encode_codes, readiness, gap_themes, close_roles, premarks) work on
plain data and are unit-tested without the database; roles.skills.selectors reads everything in a
fixed number of queries.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from careerpaths.text import shown

from ..ksbs import SAME_STANDARD, SAME_WORDING

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
    slug: str = ""  # a qualification's slug (a group's first member)
    note: str = ""  # a qualification's relevance to the role, e.g. "Essential"
    funding: str = ""  # an apprenticeship's funding for new starts, in plain words
    options: tuple = ()  # for "one of" a group: (name, url, funding) of each member; holding any meets it

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
    standard_funding: str = ""
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
                f"We did not recognise “{shown(raw, 20)}”: codes look like K1, S12 or B3, and ranges like K1-K5."
            )
            continue
        kind, first, end_kind, last = match.group(1), int(match.group(2)), match.group(3), match.group(4)
        if kind not in numbers:
            problems.append(f"{shown(token, 20)} is not in {checklist.describe}: {kinds_sentence(numbers)}.")
            continue
        if end_kind and end_kind != kind:
            problems.append(f"{shown(token, 20)} mixes two kinds: a range stays within one kind, like {kind}1-{kind}5.")
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
