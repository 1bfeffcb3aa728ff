"""Regenerate fixtures/ksbs-*.json from the official KSB lists in ../shared/domain/standards/.

The statements are kept word for word; only whitespace is folded (the published data carries stray
and non-breaking spaces). Run: .venv/bin/python scripts/import_standard_ksbs.py [STANDARDS_DIR]
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from roles.content.exporting import render_fixture  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "domain" / "standards"
FILES = ["ST0005.json", "ST0006.json", "ST0007.json", "ST0008_crosscheck.json", "ST0510.json"]
CODE = re.compile(r"^([KSB])(\d+)$")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def records(standard: dict) -> list[dict]:
    rows = []
    for item in standard["ksbs"]:
        kind, number = CODE.match(item["code"]).groups()
        fields = {"standard": [standard["reference"]], "kind": kind, "number": int(number)}
        rows.append({"model": "qualifications.ksb", "fields": fields | {"statement": fold(item["statement"])}})
    rows.sort(key=lambda r: ("KSB".index(r["fields"]["kind"]), r["fields"]["number"]))
    return rows


def main(directory: Path) -> None:
    for name in FILES:
        standard = json.loads((directory / name).read_text(encoding="utf-8"))
        out = ROOT / "fixtures" / f"ksbs-{standard['reference'].lower()}.json"
        out.write_text(render_fixture(records(standard)), encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(standard['ksbs'])} KSBs")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR)
