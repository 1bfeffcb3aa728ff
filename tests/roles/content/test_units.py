"""The pure parts: the word-by-word diff, values in plain words, and a patch git applies."""

import subprocess

from roles.content.changes import FileChange, Words, compare_records, shown, word_diff
from roles.content.publishing import build_patch
from roles.models import Role


def test_a_rewritten_phrase_reads_as_one_removal_and_one_addition():
    assert word_diff("A quick brown fox.", "A quick red fox.") == [
        Words("same", "A quick "),
        Words("removed", "brown "),
        Words("added", "red "),
        Words("same", "fox."),
    ]


def test_values_are_shown_in_plain_words():
    role = Role._meta
    assert shown(role.get_field("sector"), "social-work") == "Social work"
    assert shown(role.get_field("last_reviewed"), "2026-11-23") == "23 November 2026"
    assert shown(role.get_field("top_role"), True) == "Yes"
    assert shown(role.get_field("standard"), ["ST0008"]) == "ST0008"
    assert shown(role.get_field("sources"), [["a"], ["b"]]) == "a, b"
    assert shown(role.get_field("pay_note"), "") == "(empty)"


def test_records_are_compared_by_natural_key_field_by_field():
    before = {("a",): {"key": "a", "title": "Old"}, ("gone",): {"key": "gone", "title": "Gone"}}
    after = {("a",): {"key": "a", "title": "New"}, ("b",): {"key": "b", "title": "Added"}}
    kind = compare_records("qualifications.source", before, after, {})
    assert kind.name == "Sources"
    assert [r.name for r in kind.added] == ["Added (b)"]
    assert [(f.name, f.before, f.after) for f in kind.changed[0].fields] == [("Title", "Old", "New")]
    assert [r.name for r in kind.removed] == ["Gone (gone)"]


def test_the_patch_handles_a_file_without_a_final_newline(tmp_path):
    tmp_path = tmp_path / "repo"
    (tmp_path / "fixtures").mkdir(parents=True)
    (tmp_path / "fixtures" / "x.json").write_bytes(b"[\n  1\n]")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    patch = build_patch([FileChange("x.json", b"[\n  1\n]", b"[\n  2\n]\n")])
    assert "\\ No newline at end of file" in patch
    (tmp_path / "p.patch").write_text(patch)
    subprocess.run(["git", "apply", "p.patch"], cwd=tmp_path, check=True)
    assert (tmp_path / "fixtures" / "x.json").read_bytes() == b"[\n  2\n]\n"
