"""The qualifications app knows nothing of roles: roles add to its pages through qualifications.related."""

import ast
from pathlib import Path

import pytest

from qualifications import related

APP = Path(__file__).resolve().parents[2] / "qualifications"


def modules():
    return [path for path in APP.rglob("*.py") if "migrations" not in path.parts]


def test_no_module_of_the_app_imports_roles():
    imported = set()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
    assert not [name for name in imported if name == "roles" or name.startswith("roles.")]


def test_pages_do_not_reach_roles_through_reverse_relations():
    for name in ("selectors.py", "views.py"):
        text = (APP / name).read_text()
        assert "related_model" not in text and "role_qualifications" not in text and ".roles." not in text


@pytest.mark.django_db
def test_the_roles_app_adds_its_sections_through_the_registry(client, leader_in_adult_care, nvq_level_3):
    assert [section["heading"] for section in related.sections(related.STANDARD, leader_in_adult_care)] == [
        "Our roles under this standard"
    ]
    page = client.get(leader_in_adult_care.get_absolute_url()).content.decode()
    assert "Our roles under this standard" in page and 'href="/roles/deputy-manager/"' in page
    qualification_page = client.get(nvq_level_3.get_absolute_url()).content.decode()
    assert "Roles that ask for it" in qualification_page
