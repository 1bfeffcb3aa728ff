"""One address of every page type, for the tests that check what every page carries."""

PAGE_TYPES = {
    "home": "/",
    "role list": "/roles/",
    "role profile": "/roles/deputy-manager/",
    "compare picker": "/compare/",
    "compare": "/compare/?roles=senior-social-worker&roles=deputy-manager",
    "map": "/progression/",
    "focused map": "/roles/deputy-manager/progression/",
    "pathway picker": "/pathway/",
    "pathway": "/pathway/adult-care-worker/registered-manager/",
    "qualifications": "/qualifications/",
    "qualification": "/qualifications/nvq-level-3-health-and-social-care/",
    "standards": "/standards/",
    "standard": "/standards/st0008/",
    "skills check": "/skills-check/",
    "skills checklist": "/skills-check/check/?target=deputy-manager",
    "data": "/data/",
}

# The pages that show breadcrumbs (list pages and the home page sit at the top and show none).
WITH_BREADCRUMBS = [
    "role profile",
    "compare picker",
    "compare",
    "focused map",
    "pathway picker",
    "pathway",
    "qualification",
    "standard",
    "skills check",
    "skills checklist",
    "data",
]
