"""Helpers the map and pathway page tests share."""

import random
import re

from roles.models import ProgressionLink, Role

PATHWAY = "/pathway/adult-care-worker/registered-manager/"


def svg_of(response) -> str:
    page = response.content.decode()
    match = re.search(r"<svg class=\"ccp-map[ \"].*?</svg>", page, re.S)
    assert match, "the page has no map"
    return match.group(0)


def add_synthetic_roles(count: int = 160, links: int = 280) -> list[Role]:
    """Ten times the seed content: more roles on every level, linked in chains and at random."""
    rng = random.Random(10)
    sectors = ["adult-social-care", "social-work"]
    settings_ = ["residential", "domiciliary", "community", "mixed"]
    roles = Role.objects.bulk_create(
        Role(
            slug=f"synthetic-{n}",
            title=f"Synthetic role {n}",
            summary="A role made up for a test.",
            sector=sectors[n % 2],
            setting=settings_[n % 4],
            level=1 + n % 8,
            responsibilities="Do one thing\nDo another thing",
        )
        for n in range(count)
    )
    pairs = {(roles[n], roles[n + 1]) for n in range(count - 1)}
    while len(pairs) < links:
        a, b = rng.sample(roles, 2)
        pairs.add((a, b))
    ProgressionLink.objects.bulk_create(
        ProgressionLink(from_role=a, to_role=b, strength=rng.choice(["common", "possible"])) for a, b in pairs
    )
    return roles
