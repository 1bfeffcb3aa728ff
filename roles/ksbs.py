"""When two roles share a KSB: one rule, used by compare, the pathway and the skills check.

Roles under the same standard share all its KSBs; across standards a KSB is shared when its statement
reads the same once whitespace, case and final punctuation are folded. No fuzzy matching.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from qualifications.models import KSB

SAME_STANDARD = "same standard"
SAME_WORDING = "same wording"


@lru_cache(maxsize=16384)  # pure, and called for every statement of every compared standard on each page
def fold(text: str) -> str:
    """The form two statements are compared in: whitespace, case and final punctuation folded away."""
    return " ".join(text.split()).casefold().rstrip(".,;:!?… ")


@dataclass(frozen=True)
class KSBFacts:
    code: str
    statement: str


@dataclass(frozen=True)
class KSBMatch:
    role_slug: str
    role_title: str
    rule: str  # SAME_STANDARD or SAME_WORDING


@dataclass(frozen=True)
class KSBLine:
    code: str
    statement: str
    matches: tuple[KSBMatch, ...] = ()


@dataclass(frozen=True)
class ShareCount:
    role_title: str
    count: int
    rule: str


@dataclass
class RoleKSBs:
    """One role's KSBs split into those it shares with the other compared roles and its own."""

    role_title: str
    standard: object  # the role's StandardFacts, or None
    lines: list[KSBLine] = field(default_factory=list)
    shared: list[KSBLine] = field(default_factory=list)
    own: list[KSBLine] = field(default_factory=list)
    by_role: list[ShareCount] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def has_ksbs(self) -> bool:
        return self.total > 0


def ksb_match_rule(role, other, folded_other: set[str], ksb: KSBFacts) -> str:
    """Which rule makes `ksb` of `role` one that `other` also has, or '' when none does."""
    if role.standard and other.standard and role.standard.reference == other.standard.reference:
        return SAME_STANDARD
    if fold(ksb.statement) in folded_other:
        return SAME_WORDING
    return ""


def share_ksbs(roles) -> list[RoleKSBs]:
    """For each role, which of its KSBs another compared role also has, and by which rule.

    Roles under the same standard share all its KSBs; across standards a KSB is shared when its
    statement reads the same once whitespace, case and final punctuation are folded. No fuzzy matching.
    """
    folded = [{fold(ksb.statement) for ksb in role.ksbs} for role in roles]
    result = []
    for index, role in enumerate(roles):
        others = [(other, folded[n]) for n, other in enumerate(roles) if n != index]
        summary = RoleKSBs(role_title=role.title, standard=role.standard)
        counts = defaultdict(int)
        for ksb in role.ksbs:
            matches = []
            for other, folded_other in others:
                rule = ksb_match_rule(role, other, folded_other, ksb)
                if rule:
                    matches.append(KSBMatch(other.slug, other.title, rule))
                    counts[other.slug, rule] += 1
            line = KSBLine(ksb.code, ksb.statement, tuple(matches))
            summary.lines.append(line)
            (summary.shared if matches else summary.own).append(line)
        summary.by_role = [
            ShareCount(other.title, counts[other.slug, rule], rule)
            for other, _ in others
            for rule in (SAME_STANDARD, SAME_WORDING)
            if counts[other.slug, rule]
        ]
        result.append(summary)
    return result


def shared_ksb_count(first: list[KSBFacts], second: list[KSBFacts]) -> int:
    """How many KSBs of `first` read the same as one in `second` (the across-standards rule)."""
    folded_second = {fold(ksb.statement) for ksb in second}
    return sum(1 for ksb in first if fold(ksb.statement) in folded_second)


def ksb_facts_by_standard(standard_ids) -> dict[int, list[KSBFacts]]:
    """The KSBs of these standards, in each standard's order, as plain facts: one query."""
    ksbs: dict[int, list[KSBFacts]] = defaultdict(list)
    for standard_id, code, statement in KSB.objects.filter(standard_id__in=standard_ids).statements():
        ksbs[standard_id].append(KSBFacts(code, statement))
    return ksbs
