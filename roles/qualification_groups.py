""" "One of these", not "all of these": a role's qualifications as requirements, the one grouping rule.

Qualifications a role lists with the same `alternatives` name are one requirement: the role asks for one of
them, so holding any member (or an older award that still counts in its place) meets it. The profile, the
compare page, the pathway and the skills check all group with `requirements` and test with `is_met`.

Works on anything with `alternatives`, `relevance` and a qualification slug: RoleQualification rows or the
compare page's QualificationFacts.
"""

from dataclasses import dataclass

from .models import RoleQualification


def slug_of(item) -> str:
    qualification = getattr(item, "qualification", None)
    return qualification.slug if qualification is not None else item.slug


@dataclass(frozen=True)
class Requirement:
    """One thing a role asks for: a single qualification, or one of a group of alternatives."""

    relevance: str
    members: tuple

    @property
    def one_of(self) -> bool:
        return len(self.members) > 1

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(slug_of(member) for member in self.members)

    @property
    def key(self) -> tuple:
        """What makes two roles' requirements the same: the same qualifications, asked for as much."""
        return self.slugs, self.relevance


def requirements(items) -> list[Requirement]:
    """The items in their order, each group's members together at its first member's place (and relevance)."""
    groups: dict[tuple, list] = {}
    for number, item in enumerate(items):
        key = ("group", item.alternatives) if item.alternatives else ("single", number)
        groups.setdefault(key, []).append(item)
    return [Requirement(members[0].relevance, tuple(members)) for members in groups.values()]


def is_met(requirement: Requirement, held: set[str] | frozenset[str]) -> bool:
    """Holding any member meets it. `held` holds slugs, with older awards that count in their place added."""
    return not requirement.slugs.isdisjoint(held)


def by_relevance(requirements_list: list[Requirement]) -> list[dict]:
    """Requirements under a heading per relevance, most important first; empty headings left out."""
    return [
        {"relevance": relevance, "heading": label, "items": items}
        for relevance, label in RoleQualification.Relevance.choices
        if (items := [r for r in requirements_list if r.relevance == relevance])
    ]


def one_of_text(names: list[str]) -> str:
    """'One of: A, B or C' (a single name stays as it is)."""
    if len(names) == 1:
        return names[0]
    return "One of: " + ", ".join(names[:-1]) + " or " + names[-1]
