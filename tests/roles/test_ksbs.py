"""One rule for "these two KSBs read the same": compare, the pathway and the skills check agree on it."""

from itertools import permutations

import pytest

from roles.compare.selectors import compare_roles
from roles.ksbs import fold, ksb_facts_by_standard
from roles.models import Role
from roles.pathways.pathway import new_ksbs, responsibilities_taken_on

pytestmark = pytest.mark.django_db


def test_fold_ignores_whitespace_case_and_final_punctuation():
    assert fold("  Treat people  with Dignity. ") == fold("treat people with dignity")
    assert fold("Dignity;") == fold("dignity")
    assert fold("dignity and respect") != fold("dignity")


def test_compare_and_pathway_agree_on_which_ksbs_are_new_for_every_pair_of_roles(content):
    roles = list(Role.objects.filter(standard__isnull=False).select_related("standard"))
    ksbs = ksb_facts_by_standard({role.standard_id for role in roles})
    pairs = [(a, b) for a, b in permutations(roles, 2) if a.standard_id != b.standard_id]
    assert pairs, "the content has roles under different standards"
    for current, target in pairs:
        comparison = compare_roles(slugs=[current.slug, target.slug])
        from_compare = [line.code for line in comparison.changes.new_ksbs]
        from_pathway = [ksb.code for ksb in new_ksbs(current, target, ksbs).ksbs]
        assert from_compare == from_pathway, (current.slug, target.slug)


def test_compare_and_pathway_agree_on_the_responsibilities_you_would_take_on(content):
    roles = list(Role.objects.all())
    for current, target in permutations(roles, 2):
        comparison = compare_roles(slugs=[current.slug, target.slug])
        assert comparison.changes.take_on == responsibilities_taken_on(current, target), (current.slug, target.slug)


def test_responsibilities_that_differ_only_in_final_punctuation_read_the_same(content):
    current, target = Role(responsibilities="Lead the team."), Role(responsibilities="Lead the team\nKeep records")
    assert responsibilities_taken_on(current, target) == ["Keep records"]
