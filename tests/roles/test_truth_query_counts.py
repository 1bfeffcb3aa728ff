"""The pages issue 13 changed run a fixed number of queries: the same with funding, groups, level bases and
top roles set, and again with ten times the content (roles/content/synthetic.py copies every field)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import LevelBasis
from tests.truth import group_social_work_routes, set_role, withdraw_st0007

pytestmark = pytest.mark.django_db

PAGES = [
    "/roles/{p}lead-practitioner/",
    "/roles/{p}adult-care-worker/",
    "/roles/{p}social-worker/",
    "/compare/?roles={p}senior-care-worker&roles={p}lead-practitioner",
    "/compare/?roles={p}social-work-assistant&roles={p}social-worker",
    "/pathway/{p}social-work-assistant/{p}social-worker/",
    "/pathway/{p}senior-care-worker/{p}lead-practitioner/",
    "/roles/{p}principal-social-worker/progression/",
    "/skills-check/plan/?target={p}lead-practitioner&current={p}senior-care-worker&have=K1",
    "/skills-check/result/?target={p}senior-social-worker&current={p}principal-social-worker&have=",
    "/qualifications/{p}l4-diploma-adult-care/",
]


def counts(client, prefix: str) -> dict[str, int]:
    found = {}
    for page in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.format(p=prefix))
        assert response.status_code == 200, page.format(p=prefix)
        found[page] = len(queries)
    return found


def test_pages_run_the_same_queries_with_the_new_content_and_at_ten_times_it(client, content):
    before = counts(client, "")
    withdraw_st0007()
    group_social_work_routes("social-worker", "senior-social-worker")
    set_role("deputy-manager", level_basis=LevelBasis.STANDARD)
    set_role("principal-social-worker", top_role=True, top_role_reason="Why.")
    assert counts(client, "") == before
    call_command("generate_synthetic", scale=10, yes=True, verbosity=0)
    assert counts(client, "synthetic-005-") == before
