from django.contrib import admin

from .models import KSB, OccupationalStandard, Qualification, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year", "key"]
    list_filter = ["publisher", "year"]
    search_fields = ["title", "publisher", "key", "url"]


class KSBInline(admin.TabularInline):
    model = KSB
    extra = 0


@admin.register(OccupationalStandard)
class OccupationalStandardAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "level", "status", "last_reviewed"]
    list_filter = ["level"]
    search_fields = ["reference", "title", "occupation_code"]
    autocomplete_fields = ["source", "median_salary_source"]
    inlines = [KSBInline]


@admin.register(KSB)
class KSBAdmin(admin.ModelAdmin):
    list_display = ["standard", "kind", "number", "statement"]
    list_filter = ["standard", "kind"]
    search_fields = ["statement"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "is_legacy", "replaced_by"]
    list_filter = ["kind", "level", "is_legacy"]
    search_fields = ["name", "slug", "awarding_body"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["replaced_by", "source"]
