"""The admin for roles, with the qualifications they ask for and the moves out of them inline."""

from django.contrib import admin

from qualifications.admin import ContentAdmin, ContentInline, source_column, sources_list

from .models import ProgressionLink, Publication, Role, RoleQualification

admin.site.site_header = "Care Career Paths content"
admin.site.site_title = "Care Career Paths content"
admin.site.index_title = "Content"


# A move's fields, in the order editors fill them in: shared by the role's inline and the link's own page.
LINK_FIELDS = [
    "to_role",
    "strength",
    ("months_min", "months_max"),
    "time_source",
    "what_it_takes",
    "qualifications",
    "gate",
    "gate_source",
]


class RoleQualificationInline(ContentInline, admin.TabularInline):
    model = RoleQualification
    fields = ["qualification", "relevance", "note"]
    autocomplete_fields = ["qualification"]
    verbose_name = "qualification this role asks for"
    verbose_name_plural = "qualifications this role asks for"

    def get_queryset(self, request):
        # Each row's label names the role and the qualification: fetch them with the rows.
        return super().get_queryset(request).select_related("role", "qualification")


class ProgressionLinkInline(ContentInline, admin.StackedInline):
    model = ProgressionLink
    fk_name = "from_role"
    fields = LINK_FIELDS
    autocomplete_fields = ["to_role", "time_source", "gate_source", "qualifications"]
    verbose_name = "move to another role"
    verbose_name_plural = "moves to other roles"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_role", "to_role").prefetch_related("qualifications")


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    list_display = ["title", "level", "sector", "setting", "standard", "pay_label", "pay_source_shown", "last_reviewed"]
    list_filter = ["level", "sector", "setting", "pathway_category", "standard"]
    list_select_related = ["standard", "pay_source"]
    search_fields = ["title", "slug", "summary", "job_titles"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["standard", "pay_source", "hours_source", "pathway_source", "sources"]
    readonly_fields = ["sources_shown"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "sector", "setting", "setting_detail", "level"]}),
        (
            "Care Workforce Pathway and standard",
            {"fields": ["pathway_category", "pathway_source", "pathway_reason", "standard"]},
        ),
        (
            "The work, in our own words",
            {
                "fields": [
                    "manages",
                    "responsibilities",
                    "working_pattern",
                    "typical_employers",
                    "job_titles",
                    "registration",
                    "specialist_knowledge",
                ]
            },
        ),
        ("Hours (a figure needs its source)", {"fields": [("hours_min", "hours_max"), "hours_source"]}),
        (
            "Pay (figures need their source and year)",
            {"fields": [("pay_min", "pay_max", "pay_median"), "pay_unit", "pay_year", "pay_source", "pay_note"]},
        ),
        ("Sources and review", {"fields": ["sources", "sources_shown", "last_reviewed"]}),
    ]
    inlines = [RoleQualificationInline, ProgressionLinkInline]

    @admin.display(description="Pay")
    def pay_label(self, role):
        return role.pay_label or "-"

    pay_source_shown = source_column("pay_source", "Pay source")

    @admin.display(description="Every source this profile cites")
    def sources_shown(self, role):
        if role.pk is None:
            return "-"
        cited = {role.pay_source, role.hours_source, role.pathway_source, *role.sources.all()} - {None}
        return sources_list(sorted(cited, key=lambda source: (source.publisher, source.title)))


@admin.register(RoleQualification)
class RoleQualificationAdmin(ContentAdmin):
    list_display = ["role", "qualification", "relevance", "note"]
    list_filter = ["relevance", "role__level", "role__sector", "qualification__kind"]
    list_select_related = ["role", "qualification"]
    search_fields = ["role__title", "qualification__name", "note"]
    autocomplete_fields = ["role", "qualification"]


@admin.register(ProgressionLink)
class ProgressionLinkAdmin(ContentAdmin):
    list_display = ["from_role", "to_role", "strength", "typical_time", "time_source_shown"]
    list_filter = ["strength", "from_role__level", "from_role__sector", "to_role__level"]
    list_select_related = ["from_role", "to_role", "time_source"]
    search_fields = ["from_role__title", "to_role__title", "what_it_takes", "gate"]
    autocomplete_fields = ["from_role", "to_role", "time_source", "gate_source", "qualifications"]
    fields = ["from_role", *LINK_FIELDS]

    @admin.display(description="Typical time")
    def typical_time(self, link):
        return link.typical_time or "-"

    time_source_shown = source_column("time_source", "Time source")


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Every download and write of the fixtures from the publishing pages: a record, so nobody edits it."""

    list_display = ["created_at", "username", "action", "files_shown", "content_version"]
    list_filter = ["action"]
    search_fields = ["username"]
    fields = ["created_at", "username", "user", "action", "files_shown", "content_version"]
    readonly_fields = fields

    @admin.display(description="Files")
    def files_shown(self, publication):
        return ", ".join(f"{item['file']} ({item['change']})" for item in publication.files) or "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
