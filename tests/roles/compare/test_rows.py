"""The comparison selector and the pure functions behind it: rows, differences, KSB sharing, what changes."""

import pytest

from qualifications.models import KSB, OccupationalStandard, Qualification, Source
from roles.compare.facts import LinkFacts, QualificationFacts, RoleFacts, StandardFacts
from roles.compare.rows import build_rows, what_changes
from roles.compare.selectors import compare_roles, picker_roles
from roles.ksbs import SAME_STANDARD, SAME_WORDING, KSBFacts, fold, share_ksbs, shared_ksb_count
from roles.models import ProgressionLink, Role, RoleQualification

ST0005 = StandardFacts("ST0005", "Adult care worker", 2, "/standards/st0005/")
ST0006 = StandardFacts("ST0006", "Lead adult care worker", 3, "/standards/st0006/")


def facts(slug, **fields):
    return RoleFacts(slug=slug, title=fields.pop("title", slug.replace("-", " ").capitalize()), **fields)


def qualification(slug, relevance="typical", **fields):
    return QualificationFacts(
        slug=slug, name=slug, url=f"/qualifications/{slug}/", relevance=relevance, relevance_label=relevance, **fields
    )


def rows_by_key(roles):
    return {row.key: row for row in build_rows(roles, share_ksbs(roles))}


def standard_ksbs(reference):
    return [KSBFacts(k.code, k.statement) for k in KSB.objects.filter(standard__reference=reference).ordered()]


# --- fold ------------------------------------------------------------------------------------------


def test_fold_ignores_whitespace_case_and_final_punctuation():
    assert fold("  Treat people  with\tdignity.\n") == fold("treat people with dignity")
    assert fold("Be honest;") == fold("BE HONEST")


def test_fold_keeps_words_and_inner_punctuation():
    assert fold("Care, compassion") != fold("Care compassion")
    assert fold("Compassion") != fold("Compassion and empathy")


# --- KSB sharing -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("ST0005", "ST0006", 14),
        ("ST0007", "ST0008", 11),
        ("ST0005", "ST0510", 0),
        ("ST0006", "ST0510", 0),
        ("ST0007", "ST0510", 0),
        ("ST0008", "ST0510", 0),
    ],
)
def test_real_standards_share_the_ksbs_the_architecture_names(content, first, second, expected):
    assert shared_ksb_count(standard_ksbs(first), standard_ksbs(second)) == expected
    assert shared_ksb_count(standard_ksbs(second), standard_ksbs(first)) == expected


@pytest.mark.django_db
def test_roles_under_real_adult_care_standards_share_14_by_same_wording(content):
    worker = facts("adult-care-worker", standard=ST0005, ksbs=standard_ksbs("ST0005"))
    senior = facts("senior-care-worker", standard=ST0006, ksbs=standard_ksbs("ST0006"))
    first, second = share_ksbs([worker, senior])
    assert len(first.shared) == len(second.shared) == 14
    assert len(first.own) == len(worker.ksbs) - 14
    assert {m.rule for line in first.shared for m in line.matches} == {SAME_WORDING}
    assert [(s.role_title, s.count, s.rule) for s in first.by_role] == [("Senior care worker", 14, SAME_WORDING)]


def test_roles_under_the_same_standard_share_every_ksb():
    ksbs = [KSBFacts("K1", "Know the law"), KSBFacts("S1", "Write care plans")]
    deputy = facts("deputy", standard=ST0005, ksbs=ksbs)
    manager = facts("manager", standard=ST0005, ksbs=ksbs)
    for summary in share_ksbs([deputy, manager]):
        assert summary.own == []
        assert [line.matches[0].rule for line in summary.shared] == [SAME_STANDARD, SAME_STANDARD]


def test_near_identical_wording_is_not_shared():
    first = facts("a", standard=ST0005, ksbs=[KSBFacts("B1", "Compassion")])
    second = facts("b", standard=ST0006, ksbs=[KSBFacts("B1", "Compassion and empathy")])
    assert [len(s.own) for s in share_ksbs([first, second])] == [1, 1]


def test_wording_that_differs_only_in_case_space_and_full_stop_is_shared():
    first = facts("a", standard=ST0005, ksbs=[KSBFacts("K3", "Duty of care.")])
    second = facts("b", standard=ST0006, ksbs=[KSBFacts("K9", "duty  of CARE")])
    (summary, _) = share_ksbs([first, second])
    assert summary.shared[0].matches[0].rule == SAME_WORDING


def test_with_three_roles_each_ksb_names_the_roles_it_is_shared_with():
    ksb = KSBFacts("K1", "Know the law")
    roles = [
        facts("a", standard=ST0005, ksbs=[ksb]),
        facts("b", standard=ST0005, ksbs=[ksb]),
        facts("c", standard=ST0006, ksbs=[KSBFacts("K4", "Know the law.")]),
    ]
    first = share_ksbs(roles)[0]
    assert [(m.role_slug, m.rule) for m in first.shared[0].matches] == [("b", SAME_STANDARD), ("c", SAME_WORDING)]


def test_a_role_without_a_standard_has_no_ksbs_to_share():
    first, second = share_ksbs([facts("a"), facts("b", standard=ST0005, ksbs=[KSBFacts("K1", "x")])])
    assert first.standard is None and first.total == 0
    assert len(second.own) == 1


# --- Rows and differences --------------------------------------------------------------------------


def test_rows_come_in_the_issue_order():
    keys = [row.key for row in build_rows([facts("a"), facts("b")], share_ksbs([facts("a"), facts("b")]))]
    assert keys == [
        "level",
        "sector",
        "setting",
        "manages",
        "responsibilities",
        "working-pattern",
        "employers",
        "job-titles",
        "pay",
        "pathway-category",
        "registration",
        "qualifications",
        "specialist",
        "standard",
        "ksbs",
    ]


def test_rows_with_the_same_values_are_not_marked_as_differing():
    same = {"level": 5, "sector_label": "Adult social care", "employers": ["Local councils", "Charities"]}
    rows = rows_by_key([facts("a", **same), facts("b", **same)])
    assert not any(row.differs for row in rows.values())


def test_each_row_differs_when_one_role_differs():
    base = facts("a", level=5, employers=["Councils"], manages="A team", pay_key=(1, 2), standard=ST0005)
    changed = {
        "level": facts("b", level=6, employers=["Councils"], manages="A team", pay_key=(1, 2), standard=ST0005),
        "employers": facts("b", level=5, employers=["Charities"], manages="A team", pay_key=(1, 2), standard=ST0005),
        "manages": facts("b", level=5, employers=["Councils"], manages="No one", pay_key=(1, 2), standard=ST0005),
        "pay": facts("b", level=5, employers=["Councils"], manages="A team", pay_key=(1, 3), standard=ST0005),
        "standard": facts("b", level=5, employers=["Councils"], manages="A team", pay_key=(1, 2), standard=ST0006),
    }
    for key, other in changed.items():
        rows = rows_by_key([base, other])
        assert [k for k, row in rows.items() if row.differs] == [key], key


def test_list_rows_ignore_order_case_and_final_full_stops():
    first = facts("a", employers=["Councils.", "Charities"])
    rows = rows_by_key([first, facts("b", employers=["charities", "Councils"])])
    assert not rows["employers"].differs


def test_qualification_row_differs_on_relevance_as_well_as_on_qualification():
    first = facts("a", qualifications=[qualification("mba", "helpful")])
    rows = rows_by_key([first, facts("b", qualifications=[qualification("mba")])])
    assert rows["qualifications"].differs


def test_ksb_row_differs_when_a_role_has_ksbs_of_its_own():
    same = [KSBFacts("K1", "x")]
    assert not rows_by_key([facts("a", standard=ST0005, ksbs=same), facts("b", standard=ST0005, ksbs=same)])[
        "ksbs"
    ].differs
    assert rows_by_key([facts("a"), facts("b", standard=ST0005, ksbs=same)])["ksbs"].differs
    assert not rows_by_key([facts("a"), facts("b")])["ksbs"].differs


def test_cells_keep_the_order_of_the_roles():
    rows = rows_by_key([facts("b", level=7), facts("a", level=3)])
    assert [cell.text for cell in rows["level"].cells] == ["Level 7", "Level 3"]
    assert [cell.role.slug for cell in rows["level"].cells] == ["b", "a"]


# --- What changes ----------------------------------------------------------------------------------


def changes(current, target, link=None):
    return what_changes(current, target, share_ksbs([current, target])[1], link)


def test_what_you_would_take_on_leaves_out_what_you_already_do():
    current = facts("a", responsibilities=["Supervise staff", "Write care plans"])
    target = facts("b", responsibilities=["supervise staff.", "Run the rota"])
    assert changes(current, target).take_on == ["Run the rota"]


def test_qualifications_to_add_leave_out_those_held_or_replaced():
    current = facts("a", qualifications=[qualification("nvq-3", is_legacy=True, replaced_by_slug="diploma-3")])
    wanted = [qualification("diploma-3"), qualification("mba", "helpful"), qualification("taqa", "essential")]
    target = facts("b", qualifications=wanted)
    change = changes(current, target)
    assert [(g["heading"], [sorted(r.slugs) for r in g["items"]]) for g in change.qualifications_to_add] == [
        ("Essential", [["taqa"]]),
        ("Helpful", [["mba"]]),
    ]
    assert [sorted(r.slugs) for r in change.qualifications_in_common] == [["diploma-3"]]


def test_new_ksbs_are_those_the_current_role_does_not_share():
    current = facts("a", standard=ST0005, ksbs=[KSBFacts("K1", "Know the law")])
    target = facts("b", standard=ST0006, ksbs=[KSBFacts("K1", "Know the law."), KSBFacts("K2", "Lead a team")])
    change = changes(current, target)
    assert [line.code for line in change.new_ksbs] == ["K2"]
    assert change.ksbs_unknown_reason == ""


def test_new_ksbs_are_not_guessed_when_the_current_role_has_no_standard():
    target = facts("b", title="Deputy", standard=ST0006, ksbs=[KSBFacts("K1", "x")])
    change = changes(facts("a", title="Social worker"), target)
    assert change.new_ksbs == []
    assert change.ksbs_unknown_reason.startswith("No apprenticeship standard is loaded for Social worker")


def test_link_direction_is_known():
    link = LinkFacts("b", "B", "a", "A", "Common move", "2 to 3 years")
    change = changes(facts("a"), facts("b"), link)
    assert not change.link_is_forward
    assert link.pathway_url == "/pathway/b/a/"


# --- The selector, against the real content --------------------------------------------------------


@pytest.mark.django_db
def test_selector_keeps_the_order_given(content):
    comparison = compare_roles(slugs=["deputy-manager", "senior-social-worker", "social-worker"])
    assert [role.slug for role in comparison.roles] == ["deputy-manager", "senior-social-worker", "social-worker"]
    assert comparison.changes is None


@pytest.mark.django_db
def test_selector_returns_none_when_a_role_is_missing(content):
    assert compare_roles(slugs=["deputy-manager", "astronaut"]) is None


@pytest.mark.django_db
def test_selector_reads_a_direct_link_in_either_direction(content):
    forward = compare_roles(slugs=["deputy-manager", "registered-manager"]).changes
    backward = compare_roles(slugs=["registered-manager", "deputy-manager"]).changes
    assert forward.link_is_forward and forward.link.typical_time == ""  # no sourced promotion time
    assert not backward.link_is_forward
    assert backward.link.pathway_url == forward.link.pathway_url == "/pathway/deputy-manager/registered-manager/"
    assert compare_roles(slugs=["senior-social-worker", "deputy-manager"]).changes.link is None


@pytest.mark.django_db
def test_selector_counts_real_ksbs_for_a_move_between_standards(content):
    change = compare_roles(slugs=["senior-care-worker", "lead-practitioner"]).changes
    assert change.target_ksb_count == 45
    assert len(change.new_ksbs) == 45 - 6


@pytest.mark.django_db
def test_roles_under_one_standard_share_all_its_ksbs(content):
    comparison = compare_roles(slugs=["deputy-manager", "registered-manager"])
    ksb_row = next(row for row in comparison.rows if row.key == "ksbs")
    assert not ksb_row.differs
    assert all(len(cell.ksbs.shared) == 45 and not cell.ksbs.own for cell in ksb_row.cells)
    assert comparison.changes.new_ksbs == [] and comparison.changes.target_ksb_count == 45


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slugs",
    [
        ["deputy-manager", "senior-social-worker"],
        ["adult-care-worker", "senior-care-worker", "lead-practitioner"],
        ["adult-care-worker", "senior-care-worker", "lead-practitioner", "social-worker"],
    ],
)
def test_selector_runs_a_fixed_number_of_queries_at_seed_size(content, slugs, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        comparison = compare_roles(slugs=slugs)
        assert len(comparison.rows) == 15


def make_ten_times_the_content():
    """Ten times the roles, qualifications, KSBs and links of the seed, heaped on the compared roles."""
    source = Source.objects.first()
    standard = OccupationalStandard.objects.create(
        reference="ST9999", title="Big synthetic standard", level=5, source=source
    )
    KSB.objects.bulk_create(
        KSB(standard=standard, kind="KSB"[n % 3], number=n + 1, statement=f"Synthetic statement {n}")
        for n in range(3400)
    )
    qualifications = Qualification.objects.bulk_create(
        Qualification(slug=f"synthetic-{n}", name=f"Synthetic qualification {n}", kind="short-course")
        for n in range(340)
    )
    roles = Role.objects.bulk_create(
        Role(
            slug=f"synthetic-role-{n}",
            title=f"Synthetic role {n}",
            summary="Made for a test.",
            sector="adult-social-care",
            setting="residential",
            level=1 + n % 8,
            standard=standard,
            responsibilities="\n".join(f"Duty {d}" for d in range(20)),
        )
        for n in range(160)
    )
    big = roles[:4]
    RoleQualification.objects.bulk_create(
        RoleQualification(role=role, qualification=q, relevance="helpful") for role in big for q in qualifications
    )
    ProgressionLink.objects.bulk_create(
        ProgressionLink(from_role=role, to_role=roles[(n + step) % len(roles)])
        for n, role in enumerate(roles)
        for step in (1, 2)
    )
    return [role.slug for role in big]


@pytest.mark.django_db
def test_selector_runs_the_same_queries_with_ten_times_the_content(content, django_assert_max_num_queries):
    big = make_ten_times_the_content()
    for slugs in (big[:2], big, [big[0], "deputy-manager", "senior-care-worker", "social-worker"]):
        with django_assert_max_num_queries(4):
            comparison = compare_roles(slugs=slugs)
            assert comparison is not None
    two = compare_roles(slugs=big[:2])
    assert len(two.roles[0].qualifications) == 340
    assert len(two.roles[0].ksbs) == 3400
    assert two.changes.link is not None


@pytest.mark.django_db
def test_picker_roles_is_one_query_lowest_level_first(content, django_assert_num_queries):
    with django_assert_num_queries(1):
        roles = list(picker_roles())
    assert [r.level for r in roles] == sorted(r.level for r in roles)
    assert len(roles) == Role.objects.count()
