"""Taking the changes out of the admin: a zip of the changed fixture files with a patch for `git apply`,
or, on an editor's own checkout, writing them into the fixtures folder in place.

Every download and write is recorded as a Publication (who, when, which files, the content version).
"""

import difflib
import io
import os
import tempfile
import zipfile
from pathlib import Path

from django.utils import timezone

from ..models import Publication
from .changes import Changes, FileChange

PATCH_NAME = "changes.patch"
REPO_FOLDER = "fixtures"  # the patch's paths are relative to the repository root
NO_NEWLINE = "\\ No newline at end of file\n"


def patch_lines(text: str | None) -> list[str]:
    return [] if text is None else text.splitlines(keepends=True)


def file_patch(change: FileChange) -> str:
    """One file's part of a git-style unified diff: new and deleted files are marked, as git apply expects."""
    before = None if change.before is None else change.before.decode("utf-8")
    after = None if change.after is None else change.after.decode("utf-8")
    path = f"{REPO_FOLDER}/{change.name}"
    header = [f"diff --git a/{path} b/{path}\n"]
    if change.state == "added":
        header.append("new file mode 100644\n")
    elif change.state == "removed":
        header.append("deleted file mode 100644\n")
    old_name = "/dev/null" if before is None else f"a/{path}"
    new_name = "/dev/null" if after is None else f"b/{path}"
    body = []
    for line in difflib.unified_diff(patch_lines(before), patch_lines(after), old_name, new_name):
        body.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    if not body:  # an empty file added or removed: git needs only the header
        return "".join(header)
    return "".join(header + body)


def build_patch(files: list[FileChange]) -> str:
    return "".join(file_patch(change) for change in files)


def build_zip(changes: Changes) -> bytes:
    """The changed and new files as export_content writes them (under fixtures/), and changes.patch."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for change in changes.files:
            if change.after is not None:
                archive.writestr(f"{REPO_FOLDER}/{change.name}", change.after)
        archive.writestr(PATCH_NAME, build_patch(changes.files))
    return buffer.getvalue()


def zip_name() -> str:
    return f"fixtures-changes-{timezone.localtime():%Y-%m-%d-%H%M}.zip"


def write_files(directory: Path, files: list[FileChange]) -> list[str]:
    """Write each changed file in place, atomically (a temporary file in the same folder, then os.replace),
    and delete the files export_content would delete. Files that do not differ are never touched."""
    done = []
    for change in files:
        path = directory / change.name
        if change.after is None:
            path.unlink(missing_ok=True)
        else:
            replace_atomically(path, change.after)
        done.append(change.name)
    return done


def replace_atomically(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def record(user, action: str, changes: Changes) -> Publication:
    return Publication.objects.create(
        user=user,
        username=user.get_username(),
        action=action,
        files=[{"file": change.name, "change": change.state} for change in changes.files],
        content_version=changes.version,
    )
