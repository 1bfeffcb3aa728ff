"""The README stays true to the tree: the files it names exist, and no section is there twice."""

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_file_the_readme_names_exists():
    named = set(re.findall(r"`([a-z_][\w.-]*(?:/[\w.-]+)+)`", README))
    assert len(named) > 20  # the pattern still finds the paths the README names
    assert sorted(path for path in named if not (ROOT / path).exists()) == []


FILE_KINDS = {"json", "conf", "py", "md", "txt", "csv", "sh"}


def test_every_dotted_module_the_readme_names_exists():
    dotted_names = set(re.findall(r"`((?:careerpaths|roles|qualifications)(?:\.\w+)+)(?:\(\))?`", README))
    # Leave out file names (roles.json, careerpaths.conf) and model labels (roles.ContentVersion).
    modules = {name for name in dotted_names if name.rsplit(".", 1)[1] not in FILE_KINDS and name.islower()}
    missing = []
    for dotted in modules:
        parts = dotted.split(".")
        # a module, or a name inside one: roles.content.signals.one_version_bump
        if not any((ROOT / Path(*parts[:n])).with_suffix(".py").exists() for n in range(len(parts), 1, -1)):
            missing.append(dotted)
    assert modules and missing == []


def test_no_heading_appears_twice():
    headings = Counter(line for line in README.splitlines() if line.startswith("#"))
    assert [heading for heading, count in headings.items() if count > 1] == []
