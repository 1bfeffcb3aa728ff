from django.contrib import admin

from .models import ProgressionLink, Role, RoleQualification


class RoleQualificationInline(admin.TabularInline):
    model = RoleQualification
    extra = 0
    autocomplete_fields = ["qualification"]


class ProgressionLinkInline(admin.TabularInline):
    model = ProgressionLink
    fk_name = "from_role"
    extra = 0
    autocomplete_fields = ["to_role", "qualifications"]
    verbose_name = "progression link to another role"


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "sector", "setting", "standard", "last_reviewed"]
    list_filter = ["level", "sector", "setting"]
    search_fields = ["title", "slug", "summary", "job_titles"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["standard", "pay_source", "hours_source", "pathway_source", "sources"]
    inlines = [RoleQualificationInline, ProgressionLinkInline]


@admin.register(RoleQualification)
class RoleQualificationAdmin(admin.ModelAdmin):
    list_display = ["role", "qualification", "relevance"]
    list_filter = ["relevance"]
    search_fields = ["role__title", "qualification__name"]
    autocomplete_fields = ["role", "qualification"]


@admin.register(ProgressionLink)
class ProgressionLinkAdmin(admin.ModelAdmin):
    list_display = ["from_role", "to_role", "strength", "months_min", "months_max"]
    list_filter = ["strength"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role", "time_source", "gate_source", "qualifications"]
