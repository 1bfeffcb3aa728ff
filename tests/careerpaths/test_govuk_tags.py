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
