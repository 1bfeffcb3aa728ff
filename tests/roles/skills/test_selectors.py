import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qualifications.models import KSB, OccupationalStandard
from roles.models import Role
from roles.skills.selectors import load_checklists

pytestmark = pytest.mark.django_db


def test_checklists_read_only_the_ksbs_of_standards_our_roles_use(content):
    used = set(Role.objects.exclude(standard=None).values_list("standard_id", flat=True))
    unused = OccupationalStandard.objects.exclude(pk__in=used).filter(ksbs__isnull=False).distinct().first()
    assert unused is not None  # a standard held for its funding alone, with KSBs loaded
    with CaptureQueriesContext(connection) as queries:
        _, checklists = load_checklists()
    ksb_query = next(q["sql"] for q in queries.captured_queries if KSB._meta.db_table in q["sql"].split("FROM")[1])
    assert "IN (" in ksb_query and f"{unused.pk}" not in ksb_query.split("IN (")[1].split(")")[0].split(", ")
    role = Role.objects.exclude(standard=None).select_related("standard").first()
    assert len(checklists[role.slug].items) == KSB.objects.filter(standard=role.standard).count()


def test_only_the_roles_asked_for_get_a_checklist_and_every_role_stays_a_choice(content):
    _, every = load_checklists()
    with CaptureQueriesContext(connection) as queries:
        choices, two = load_checklists(only={"deputy-manager", "senior-care-worker", "no-such-role"})
    assert len(queries) == 3
    assert set(two) == {"deputy-manager", "senior-care-worker"}
    assert two == {slug: every[slug] for slug in two}
    assert sorted(slug for _, group in choices for slug, _ in group) == sorted(every)
    role_qualifications = next(q["sql"] for q in queries.captured_queries if "roles_rolequalification" in q["sql"])
    assert "WHERE" in role_qualifications


def test_step_two_builds_only_the_two_checklists_it_shows(client, content, monkeypatch):
    asked = []
    real = load_checklists

    def spy(only=None):
        asked.append(only)
        return real(only=only)

    monkeypatch.setattr("roles.skills.views.load_checklists", spy)
    response = client.get("/skills-check/check/?target=deputy-manager&current=senior-care-worker")
    assert response.status_code == 200
    assert asked == [{"deputy-manager", "senior-care-worker"}]
    # The result needs every role, for the roles you are close to.
    client.get("/skills-check/result/?target=deputy-manager&current=senior-care-worker&have=K1")
    assert asked[1] is None
