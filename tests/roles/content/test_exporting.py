import filecmp

import pytest
from django.core.management import call_command

from tests.conftest import FIXTURES_DIR

pytestmark = pytest.mark.django_db


def test_export_reproduces_the_fixtures_byte_for_byte(content, tmp_path):
    call_command("export_content", output=tmp_path, verbosity=0)
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert written == sorted(p.name for p in FIXTURES_DIR.glob("*.json"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (FIXTURES_DIR / name).read_bytes(), name


def test_exported_set_loads_and_exports_identically(content, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_content", output=first, verbosity=0)
    call_command("load_content", fixtures=first, verbosity=0)
    call_command("export_content", output=second, verbosity=0)
    match, mismatch, errors = filecmp.cmpfiles(first, second, [p.name for p in first.glob("*.json")], shallow=False)
    assert mismatch == [] and errors == []
    assert len(match) >= 7
