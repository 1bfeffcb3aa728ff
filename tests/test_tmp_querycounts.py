import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

URLS = [
    "/",
    "/roles/deputy-manager/",
    "/roles/adult-care-worker/",
    "/roles/senior-care-worker/",
    "/compare/?roles=senior-social-worker&roles=deputy-manager",
    "/compare/?roles=adult-care-worker&roles=senior-care-worker&roles=deputy-manager&roles=registered-manager",
    "/pathway/adult-care-worker/registered-manager/",
    "/roles/deputy-manager/progression/",
    "/progression/",
    "/standards/st0008/",
    "/qualifications/nvq-level-3-health-and-social-care/",
    "/skills-check/result/?target=deputy-manager&current=senior-care-worker&have=K1-K5",
    "/skills-check/plan/?target=social-worker&current=senior-care-worker&have=K1",
    "/skills-check/check/?target=registered-manager&current=deputy-manager",
    "/data/roles.json",
    "/data/qualifications.json",
    "/data/standards.json",
]


@pytest.mark.django_db
def test_counts(client, content):
    out = []
    for url in URLS:
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        out.append(f"{url} {r.status_code} {len(q)}")
    print("\nCOUNTS\n" + "\n".join(out))
