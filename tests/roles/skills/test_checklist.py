"""The skills check's pure logic, on plain data: no database."""

from hypothesis import given
from hypothesis import strategies as st

from roles.ksbs import SAME_STANDARD, SAME_WORDING
from roles.models import Role
from roles.skills.checklist import (
    BEHAVIOUR_THEME,
    OTHER_THEME,
    SAME_QUALIFICATION,
    Checklist,
    Item,
    close_roles,
    encode_codes,
    gap_themes,
    parse_codes,
    premarks,
    readiness,
    theme_of,
)
from roles.skills.selectors import ksb_item, learning_for, responsibility_items


def make_checklist(slug, reference="", statements=(), responsibilities=(), qualifications=(), essential=()):
    """A checklist from (kind, number, statement) triples, or from responsibilities and qualification slugs."""
    ksbs = [ksb_item(kind, number, text, reference) for kind, number, text in statements]
    lines = responsibility_items(Role(responsibilities="\n".join(responsibilities)))
    quals = [
        Item(
            f"Q{n}",
            "Q",
            n,
            slug_.title(),
            frozenset({("qualification", slug_)}),
            url=f"/qualifications/{slug_}/",
            slug=slug_,
            note="Essential" if slug_ in essential else "Helpful",
        )
        for n, slug_ in enumerate(qualifications, 1)
    ]
    return Checklist(
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        level=3,
        url=f"/roles/{slug}/",
        standard_reference=reference,
        standard_title=f"{reference} title" if reference else "",
        standard_url=f"/standards/{reference.lower()}/" if reference else "",
        items=ksbs or lines + quals,
        qualifications=quals,
        evidence=ksbs + lines + [q for q in quals if q.slug in essential],
    )


LEADER = make_checklist(
    "deputy-manager",
    "ST0008",
    [
        ("K", 1, "Statutory frameworks and legislation."),
        ("K", 2, "Principles of risk management"),
        ("K", 3, "Theories of team leadership"),
        ("S", 1, "Safeguard adults from abuse"),
        ("S", 2, "Keep clear records"),
        ("S", 3, "Bake bread"),
        ("B", 1, "Care – is caring consistently"),
    ],
)
SENIOR = make_checklist(
    "senior-care-worker",
    "ST0006",
    [("K", 1, "principles of RISK management."), ("S", 1, "Something else"), ("B", 1, "Care – is caring consistently")],
)
MANAGER = make_checklist("registered-manager", "ST0008", [(i.kind, i.number, i.text) for i in LEADER.items])
CASE_MANAGER = make_checklist(
    "case-manager",
    responsibilities=["Assess needs", "Plan support"],
    qualifications=["social-work-degree", "best-interests-assessor"],
)
CODES = [item.code for item in LEADER.items]


# Encoding the state


def test_runs_of_codes_become_ranges_in_checklist_order():
    assert encode_codes({"S2", "K1", "K2", "K3", "B1", "S1"}, CODES) == "K1-K3,S1-S2,B1"


def test_gaps_break_runs_and_unknown_codes_are_dropped():
    assert encode_codes({"K1", "K3", "S3", "Z9"}, CODES) == "K1,K3,S3"
    assert encode_codes(set(), CODES) == ""


# Parsing the state


def test_codes_and_ranges_are_read_whatever_the_case_and_spacing():
    parsed = parse_codes(" k1 ,S1-s3, b1", LEADER)
    assert parsed.codes == {"K1", "S1", "S2", "S3", "B1"}
    assert parsed.problems == ()


def test_a_backwards_range_is_read_forwards():
    assert parse_codes("K3-K1", LEADER).codes == {"K1", "K2", "K3"}


def test_a_code_not_in_the_standard_is_explained_and_the_rest_kept():
    parsed = parse_codes("K1,S99", LEADER)
    assert parsed.codes == {"K1"}
    assert parsed.problems == ("S99 is not in ST0008 ST0008 title: its skills run from S1 to S3.",)


def test_a_range_beyond_the_standard_keeps_the_part_inside():
    parsed = parse_codes("K2-K9", LEADER)
    assert parsed.codes == {"K2", "K3"}
    assert "K2-K9 goes beyond" in parsed.problems[0] and "kept 2 of them" in parsed.problems[0]


def test_junk_unknown_kinds_and_mixed_ranges_are_explained():
    parsed = parse_codes("K1,<script>,X3,K1-S2,R1", LEADER)
    assert parsed.codes == {"K1"}
    assert len(parsed.problems) == 4
    assert parsed.problems[0].startswith("We did not recognise “<script>”")
    assert parsed.problems[1] == "X3 is not in ST0008 ST0008 title: its codes start with K, S or B."
    assert "mixes two kinds" in parsed.problems[2]


def test_an_overlong_state_is_cut_short_with_a_message():
    parsed = parse_codes("K1," * 1000, LEADER)
    assert parsed.codes == {"K1"}
    assert "too long" in parsed.problems[0]


def test_the_same_problem_is_reported_once():
    assert len(parse_codes("S9,S9,S9", LEADER).problems) == 1


def test_responsibility_and_qualification_codes_work_without_a_standard():
    parsed = parse_codes("R1-R2,Q2,K1", CASE_MANAGER)
    assert parsed.codes == {"R1", "R2", "Q2"}
    assert parsed.problems == ("K1 is not in the Case manager checklist: its codes start with R or Q.",)


@given(st.text(max_size=300))
def test_any_text_gives_only_real_codes_and_never_fails(text):
    assert parse_codes(text, LEADER).codes <= set(CODES)


@given(st.sets(st.sampled_from(CODES)))
def test_encoding_then_parsing_gives_the_selection_back(selection):
    parsed = parse_codes(encode_codes(selection, CODES), LEADER)
    assert parsed.codes == selection
    assert parsed.problems == ()


# Pre-marking from the current role


def test_roles_under_the_same_standard_premark_everything_by_that_rule():
    marks = premarks(LEADER, MANAGER)
    assert set(marks) == set(CODES)
    assert {mark.rule for mark in marks.values()} == {SAME_STANDARD}


def test_across_standards_only_statements_that_read_the_same_are_premarked():
    marks = premarks(LEADER, SENIOR)
    assert set(marks) == {"K2", "B1"}
    assert {mark.rule for mark in marks.values()} == {SAME_WORDING}


def test_no_current_role_premarks_nothing():
    assert premarks(LEADER, None) == {}


def test_an_essential_qualification_of_the_current_role_is_premarked():
    social_worker = make_checklist(
        "social-worker", qualifications=["social-work-degree"], essential=["social-work-degree"]
    )
    marks = premarks(CASE_MANAGER, social_worker)
    assert marks == {"Q1": marks["Q1"]}
    assert marks["Q1"].rule == SAME_QUALIFICATION


# Readiness and gaps


def test_readiness_counts_what_you_ticked_overall_and_by_kind():
    summary = readiness(LEADER, frozenset({"K1", "K2", "B1"}))
    assert (summary.evidenced, summary.total) == (3, 7)
    assert [(row.kind, row.evidenced, row.total) for row in summary.by_kind] == [("K", 2, 3), ("S", 0, 3), ("B", 1, 1)]
    assert [item.code for item in summary.gaps] == ["K3", "S1", "S2", "S3"]
    assert summary.percent == 43


def test_the_share_rounds_halves_up_and_an_empty_checklist_is_zero():
    assert (
        readiness(make_checklist("x", "ST0001", [("K", n, f"k{n}") for n in range(1, 9)]), frozenset({"K1"})).percent
        == 13
    )
    assert readiness(make_checklist("empty"), frozenset()).percent == 0


def test_gaps_are_grouped_by_theme_in_a_fixed_order():
    themes = gap_themes(readiness(LEADER, frozenset()).gaps)
    assert [(theme.name, [item.code for item in theme.items]) for theme in themes] == [
        ("Safeguarding", ["S1"]),
        ("Health, safety and risk", ["K2"]),
        ("Law, regulation and quality", ["K1"]),
        ("Leading people and services", ["K3"]),
        ("Communication and records", ["S2"]),
        (OTHER_THEME, ["S3"]),
        (BEHAVIOUR_THEME, ["B1"]),
    ]


def test_themes_match_the_start_of_words_only():
    assert theme_of(Item("K9", "K", 9, "Pharmacy and harm", frozenset())) == "Safeguarding"
    assert theme_of(Item("K9", "K", 9, "Pharmacy", frozenset())) == OTHER_THEME


def test_responsibilities_and_qualifications_are_their_own_themes():
    themes = gap_themes(readiness(CASE_MANAGER, frozenset({"R1"})).gaps)
    assert [theme.name for theme in themes] == ["Responsibilities", "Qualifications"]


# Roles you are close to


def test_close_roles_are_ranked_by_how_many_of_their_items_you_can_show():
    evidenced = [item for item in LEADER.items if item.code in {"K1", "K2", "B1"}]
    ranked = close_roles(LEADER, evidenced, [LEADER, SENIOR, MANAGER, CASE_MANAGER])
    assert [(role.slug, role.evidenced, role.total) for role in ranked] == [
        ("registered-manager", 3, 7),
        ("senior-care-worker", 2, 3),
    ]


def test_nothing_ticked_means_no_close_roles():
    assert close_roles(LEADER, [], [SENIOR, MANAGER]) == []


# Learning


def test_learning_starts_with_the_apprenticeship_and_says_which_rule_matched():
    target = make_checklist(
        "deputy-manager", "ST0008", [("K", 1, "x")], qualifications=["l5-diploma", "mba"], essential=["l5-diploma"]
    )
    moves = [
        ("Senior care worker", "l5-diploma", "L5 diploma", "/q/l5/"),
        ("Lead practitioner", "taqa", "TAQA", "/q/t/"),
        ("Team leader", "taqa", "TAQA", "/q/t/"),
    ]
    learning = learning_for(target, frozenset(), moves)
    assert [item.name for item in learning] == ["ST0008 ST0008 title apprenticeship", "L5-Diploma", "Mba", "TAQA"]
    assert learning[0].rules == (
        "The apprenticeship teaches and assesses every KSB in this standard, so it covers each of your gaps.",
    )
    assert learning[1].rules == (
        "The Deputy manager role lists it as essential.",
        "Named for the move to Deputy manager from Senior care worker.",
    )
    assert learning[3].rules == ("Named for the move to Deputy manager from Lead practitioner and Team leader.",)


def test_qualifications_you_ticked_are_not_suggested_again():
    learning = learning_for(CASE_MANAGER, frozenset({"Q1"}), [("Social worker", "social-work-degree", "Degree", "/q/")])
    assert [item.name for item in learning] == ["Best-Interests-Assessor"]
