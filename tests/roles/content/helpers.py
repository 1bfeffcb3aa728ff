"""Edits made the way an editor makes them, and what export_content writes for comparison."""

import io
import zipfile
from pathlib import Path

from django.core.management import call_command

from roles.models import Role
from tests.admin_helpers import change_form_data

NEW_SUMMARY = "You run the home day to day with the registered manager, and lead the care team on every shift."


def edit_role_in_admin(client, role: Role, **fields) -> None:
    """Post the role's change form back as a browser would, with these fields changed."""
    url = f"/admin/roles/role/{role.pk}/change/"
    data = change_form_data(client, url, "role")
    for name, value in fields.items():
        data[name] = [str(value)]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def exported(tmp_path: Path) -> dict[str, bytes]:
    """What export_content writes now, by file name."""
    target = tmp_path / "exported"
    call_command("export_content", output=target, verbosity=0)
    return {path.name: path.read_bytes() for path in target.glob("*.json")}


def zip_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
