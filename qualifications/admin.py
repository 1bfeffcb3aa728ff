"""The admin for sources, standards with their KSBs, and qualifications, as content editors use it.

Also holds what every content admin shares (roles/admin.py builds on it): text saved exactly as the
fixtures hold it, and duplicate inline rows explained next to the field in the model's own words.
"""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from .models import KSB, OccupationalStandard, Qualification, Source


class TextAreaField(forms.CharField):
    """Browsers send textarea lines ending in CRLF; keep the LF the fixtures use, so a save changes nothing else."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


CONTENT_FORMFIELD_OVERRIDES = {
    models.TextField: {"form_class": TextAreaField},
    models.URLField: {"assume_scheme": "https"},
}


class ContentAdmin(admin.ModelAdmin):
    formfield_overrides = CONTENT_FORMFIELD_OVERRIDES
    list_per_page = 50


class PreloadedAutocompleteMixin:
    """An autocomplete box that can be handed its chosen objects instead of fetching them itself.

    Django's box runs a query for its chosen objects' labels, so an inline ran one per row and field.
    """

    preloaded: dict | None = None  # str(pk) -> object, in the model's order, set by preload_autocomplete()

    def optgroups(self, name, value, attr=None):
        if self.preloaded is None:
            return super().optgroups(name, value, attr)
        chosen = {str(item) for item in value if str(item) not in self.choices.field.empty_values}
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key, obj in self.preloaded.items():
            if key in chosen:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, key, label, True, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteSelect(PreloadedAutocompleteMixin, AutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(PreloadedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


def preload_autocomplete(forms) -> None:
    """Fetch every row's chosen objects for each autocomplete field in one query, and hand them to the boxes."""
    boxes, chosen = defaultdict(list), defaultdict(set)
    for form in forms:
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's add/change wrapper
            if isinstance(widget, PreloadedAutocompleteMixin):
                boxes[name].append(widget)
                value = form[name].value()
                chosen[name].update(str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v)
    for name, widgets in boxes.items():
        queryset = forms[0].fields[name].queryset
        objects = {str(obj.pk): obj for obj in queryset.filter(pk__in=chosen[name])} if chosen[name] else {}
        for widget in widgets:
            widget.preloaded = objects


class ContentInlineFormSet(BaseInlineFormSet):
    """Marks a row that repeats another row of the same inline, on the field the editor would change.

    Django's own check would put a generic "Please correct the duplicate data" above the inline;
    the model's unique_error() already says it in plain English. Its autocomplete boxes are filled with
    one query per field for all rows.
    """

    @cached_property
    def forms(self):
        forms = super().forms
        preload_autocomplete(forms)
        return forms

    def clean(self):
        self.mark_duplicate_rows()
        super().clean()

    def mark_duplicate_rows(self):
        seen = set()
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form):
                continue
            for constraint in self.model._meta.constraints:
                if not isinstance(constraint, models.UniqueConstraint):
                    continue
                fields = [name for name in constraint.fields if name != self.fk.name]
                values = tuple(form.cleaned_data.get(name) for name in fields)
                if any(value is None for value in values):
                    continue
                if (constraint.name, values) in seen:
                    field_name, message = form.instance.unique_error(constraint.name)
                    form.add_error(field_name, message)
                    break
                seen.add((constraint.name, values))


class ContentInline:
    formfield_overrides = CONTENT_FORMFIELD_OVERRIDES
    formset = ContentInlineFormSet
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = PreloadedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def link_to_source(source):
    """The source's citation, linking to the publication when it has an address."""
    if source is None:
        return "-"
    if source.url:
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', source.url, source)
    return str(source)


def source_column(field: str, description: str):
    """A list column that links to the source in `field`, sortable by the source's title."""

    @admin.display(description=description, ordering=f"{field}__title")
    def shown(model_admin, obj):
        return link_to_source(getattr(obj, field))

    return shown


def sources_list(sources):
    sources = [source for source in sources if source is not None]
    if not sources:
        return "-"
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((link_to_source(s),) for s in sources)))


class LegacyFilter(admin.SimpleListFilter):
    title = "current or legacy"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("current", "Current"), ("legacy", "Legacy (no longer offered)")]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "legacy":
            return queryset.legacy()
        return queryset


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "year", "key", "address", "checked"]
    list_filter = ["year", "publisher"]
    search_fields = ["title", "publisher", "key", "url", "note"]
    fields = ["key", "title", "publisher", "url", "year", "checked", "note", "cited_by"]
    readonly_fields = ["cited_by"]

    @admin.display(description="Link")
    def address(self, source):
        if not source.url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">Open</a>', source.url)

    @admin.display(description="Cited by")
    def cited_by(self, source):
        """Every record that cites this source, linked to its admin page: one query per citing model."""
        if source.pk is None:
            return "-"
        rows = []
        for model, field_names in citing_fields().items():
            cites = models.Q()
            for name in field_names:
                cites |= models.Q(**{name: source})
            rows += model._default_manager.filter(cites).select_related().distinct()
        if not rows:
            return "Nothing cites this source yet."
        links = (
            (reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk]), row) for row in rows
        )
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', links))


def citing_fields() -> dict:
    """Each model with a foreign key or many-to-many to Source, and those fields' names.

    Found through Source's reverse relations, so this app needs no knowledge of the apps that cite it.
    """
    found = {}
    for relation in Source._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        model = relation.related_model
        if model._meta.auto_created:  # a many-to-many's through table; the relation itself is listed too
            continue
        found.setdefault(model, []).append(relation.field.name)
    return found


class KSBInline(ContentInline, admin.TabularInline):
    model = KSB
    fields = ["kind", "number", "statement"]
    formfield_overrides = {
        **CONTENT_FORMFIELD_OVERRIDES,
        models.TextField: {"form_class": TextAreaField, "widget": forms.Textarea(attrs={"rows": 2, "cols": 90})},
    }

    def get_queryset(self, request):
        # Each row's label names its standard: fetch it with the rows, not once per row.
        return super().get_queryset(request).select_related("standard")


@admin.register(OccupationalStandard)
class OccupationalStandardAdmin(ContentAdmin):
    list_display = ["reference", "title", "level", "status", "version", "ksb_count", "source_shown", "last_reviewed"]
    list_filter = ["level", "status", "route"]
    list_select_related = ["source"]
    search_fields = ["reference", "title", "occupation_code", "typical_job_titles"]
    autocomplete_fields = ["source", "median_salary_source"]
    readonly_fields = ["sources_shown"]
    fieldsets = [
        (None, {"fields": ["reference", "title", "level", "version", "route", "status", "occupation_code"]}),
        ("Where it comes from", {"fields": ["source", "standard_url", "sources_shown"]}),
        ("In our own words", {"fields": ["summary"]}),
        ("Quoted from the standard", {"fields": ["overview", "typical_job_titles", "soc_codes"]}),
        (
            "Figures (each needs its source and year)",
            {"fields": ["typical_duration_months", "median_salary", "median_salary_year", "median_salary_source"]},
        ),
        ("Review", {"fields": ["last_reviewed"]}),
    ]
    inlines = [KSBInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(ksb_total=Count("ksbs"))

    @admin.display(description="KSBs", ordering="ksb_total")
    def ksb_count(self, standard):
        return standard.ksb_total

    source_shown = source_column("source", "Source")

    @admin.display(description="Sources cited")
    def sources_shown(self, standard):
        return sources_list([standard.source, standard.median_salary_source] if standard.pk else [])


@admin.register(KSB)
class KSBAdmin(ContentAdmin):
    list_display = ["code_in_standard", "kind", "statement"]
    list_display_links = ["code_in_standard"]
    list_filter = ["kind", "standard__level", "standard"]
    list_select_related = ["standard"]
    search_fields = ["statement", "standard__reference", "standard__title"]
    autocomplete_fields = ["standard"]
    fields = ["standard", "kind", "number", "statement"]

    @admin.display(description="KSB")
    def code_in_standard(self, ksb):
        return str(ksb)


@admin.register(Qualification)
class QualificationAdmin(ContentAdmin):
    list_display = ["name", "kind", "level", "framework", "is_legacy", "replaced_by", "source_shown"]
    list_filter = [LegacyFilter, "kind", "level", "framework", "still_recognised"]
    list_select_related = ["replaced_by", "source"]
    search_fields = ["name", "slug", "awarding_body", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["replaced_by", "source"]
    readonly_fields = ["sources_shown"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "level", "framework", "awarding_body"]}),
        ("In our own words", {"fields": ["summary"]}),
        ("Current or legacy", {"fields": ["is_legacy", "still_recognised", "replaced_by"]}),
        ("Figures (each needs its source)", {"fields": ["typical_duration", "source", "sources_shown"]}),
    ]

    source_shown = source_column("source", "Source")

    @admin.display(description="Source cited")
    def sources_shown(self, qualification):
        return sources_list([qualification.source] if qualification.pk else [])
