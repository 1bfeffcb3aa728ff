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
        checklists = load_checklists()
    ksb_query = next(q["sql"] for q in queries.captured_queries if KSB._meta.db_table in q["sql"].split("FROM")[1])
    assert "IN (" in ksb_query and f"{unused.pk}" not in ksb_query.split("IN (")[1].split(")")[0].split(", ")
    role = Role.objects.exclude(standard=None).select_related("standard").first()
    assert len(checklists[role.slug].items) == KSB.objects.filter(standard=role.standard).count()
