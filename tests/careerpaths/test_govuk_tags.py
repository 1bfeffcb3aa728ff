from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def test_a_summary_row_holds_its_key_and_the_markup_between_its_tags():
    row = '{% summary_row "Typical level" row_id="change-level" %}<b>{{ level }}</b>{% endsummary_row %}'
    html = render(row, level=3)
    assert html == (
        '<div class="govuk-summary-list__row" id="change-level"><dt class="govuk-summary-list__key">Typical level</dt>'
        '<dd class="govuk-summary-list__value"><b>3</b></dd></div>'
    )


def test_a_summary_row_escapes_its_key_and_the_values_inside_it_once():
    html = render("{% summary_row key %}{{ value }}{% endsummary_row %}", key="Pay & hours", value="<script>")
    assert '<div class="govuk-summary-list__row"><dt' in html  # no id given, none written
    assert "Pay &amp; hours" in html and "&lt;script&gt;" in html and "&amp;lt;" not in html


def test_a_scroll_table_is_a_focusable_named_region_round_a_captioned_table():
    html = render(
        "{% scroll_table label %}<tbody><tr><td>{{ cell }}</td></tr></tbody>{% endscroll_table %}",
        label="Fields: Roles",
        cell="A & B",
    )
    assert html.startswith('<div class="ccp-table-scroll" role="region" aria-label="Fields: Roles" tabindex="0">')
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Fields: Roles</caption>' in html
    assert "<td>A &amp; B</td></tr></tbody></table>" in html


def test_a_scroll_table_caption_can_be_hidden_but_still_read():
    html = render('{% scroll_table "Downloads" caption_class="govuk-visually-hidden" %}{% endscroll_table %}')
    assert '<caption class="govuk-table__caption govuk-visually-hidden">Downloads</caption>' in html
