from types import SimpleNamespace as Item

from django.template import Context, Template

from roles.ksbs import KSBLine, KSBMatch


def render(source, **context):
    return Template("{% load ksb_lists %}" + source).render(Context(context))


def test_ksb_items_quote_each_statement_escaped_after_its_code():
    ksbs = [Item(code="K1", statement="Duty of care & <safeguarding>"), Item(code="S2", statement="Lead 'teams'")]
    assert render("{{ ksbs|ksb_items }}", ksbs=ksbs) == (
        '<li><span class="ccp-ksb-code">K1</span> Duty of care &amp; &lt;safeguarding&gt;</li>'
        '<li><span class="ccp-ksb-code">S2</span> Lead &#x27;teams&#x27;</li>'
    )
    assert render("{{ ksbs|ksb_items }}", ksbs=[]) == ""


def test_shared_ksb_items_name_every_role_and_rule():
    line = KSBLine(
        "B1",
        "Care <and> compassion",
        (KSBMatch("deputy-manager", "Deputy manager", "same standard"), KSBMatch("x", "A & B", "same wording")),
    )
    assert render("{{ lines|shared_ksb_items }}", lines=[line]) == (
        '<li><span class="ccp-ksb-code">B1</span> Care &lt;and&gt; compassion <span class="ccp-source">Shared with '
        "Deputy manager (same standard); A &amp; B (same wording).</span></li>"
    )
