"""The editors' admin: articles with their quotes inline, people and organisations with
aliases and a merge action for duplicates."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse

from . import services
from .models import (
    Affiliation,
    Article,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    Quote,
)


class NamedRowsInline(admin.TabularInline):
    """An inline whose rows print names of related records (a mention reads "Person in
    Article"): those records are loaded with the rows, not queried once for each row."""

    row_select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.row_select_related)


class QuoteInline(NamedRowsInline):
    model = Quote
    row_select_related = ["person", "organisation"]
    extra = 1
    fields = [
        "text",
        "person",
        "organisation",
        "speaker_description",
        "verb",
        "is_partial",
        "is_confirmed",
    ]
    autocomplete_fields = ["person", "organisation"]


class PersonMentionInline(NamedRowsInline):
    model = PersonMention
    row_select_related = ["person", "article"]
    extra = 0
    autocomplete_fields = ["person"]


class OrganisationMentionInline(NamedRowsInline):
    model = OrganisationMention
    row_select_related = ["organisation", "article"]
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "published_at",
        "date_known",
        "source",
        "section",
        "word_count",
        "quote_count",
    ]
    list_filter = ["date_known", "section", "source", "language", "published_at"]
    search_fields = ["headline", "standfirst", "source_url"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["byline"]
    readonly_fields = ["word_count", "created_at", "updated_at"]
    # News links are https; Django 6 assumes so too for a typed address without a scheme.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [QuoteInline, PersonMentionInline, OrganisationMentionInline]
    actions = ["extract_selected"]
    fieldsets = [
        (
            None,
            {"fields": ["headline", "slug", "standfirst", "body", "published_at", "date_known"]},
        ),
        ("Source", {"fields": ["byline", "source", "source_url", "section", "language"]}),
        ("Record", {"fields": ["word_count", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    def save_model(self, request, obj, form, change):
        """An editor who sets an undated article's date has found it: it is known now."""
        if "published_at" in form.changed_data:
            obj.date_known = True
        super().save_model(request, obj, form, change)

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count

    @admin.action(description="Extract quotes and entities")
    def extract_selected(self, request, queryset):
        """Re-run extraction, e.g. after editing a body; confirmed quotes stay as they are."""
        found = sum(services.article_extract(article=article) for article in queryset)
        self.message_user(
            request,
            f"Found {found} unconfirmed quote(s) in {queryset.count()} article(s).",
            messages.SUCCESS,
        )


class PossibleDuplicatesFilter(admin.SimpleListFilter):
    """Records whose name another's nearly is ("George Bush", "George W Bush"; "Zelensky",
    "Zelenskyy"), in name order, so an editor finds the pairs side by side for the merge
    action."""

    title = "possible duplicates"
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", "Name nearly another's")]

    def queryset(self, request, queryset):
        return queryset.possible_duplicates() if self.value() == "yes" else queryset


class NamedEntityAdmin(admin.ModelAdmin):
    """People and organisations: searched by name and alias, listed with how often they are
    quoted and mentioned, and merged when one arrives under several names."""

    search_fields = ["name", "aliases__name", "description"]
    list_filter = [PossibleDuplicatesFilter]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    merge_service = None
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                quote_count=Count("quotes", distinct=True),
                article_count=Count("mentions", distinct=True),
            )
        )

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, entity):
        return entity.quote_count

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, entity):
        return entity.article_count

    @admin.action(description="Merge selected duplicates into one record")
    def merge_selected(self, request, queryset):
        records = list(queryset.order_by("name"))
        if len(records) < 2:
            self.message_user(request, "Select at least two records to merge.", messages.WARNING)
            return None
        keep_pk = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_pk:
            keep = next((r for r in records if str(r.pk) == keep_pk), None)
            if keep is None:
                self.message_user(request, "Choose one of the selected records.", messages.ERROR)
                return None
            duplicates = [r for r in records if r.pk != keep.pk]
            type(self).merge_service(keep=keep, duplicates=duplicates)
            self.message_user(
                request,
                f"Merged {len(duplicates)} record(s) into “{keep}”.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge duplicates",
            "opts": self.model._meta,
            "records": records,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/merge_confirm.html", context)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ["name"]


class AffiliationInline(NamedRowsInline):
    model = Affiliation
    row_select_related = ["person", "organisation"]
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(NamedEntityAdmin):
    list_display = ["name", "description", "quote_count", "article_count"]
    inlines = [PersonAliasInline, AffiliationInline]
    merge_service = services.person_merge


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1
    fields = ["name"]


class MemberInline(NamedRowsInline):
    model = Affiliation
    row_select_related = ["person", "organisation"]
    extra = 0
    autocomplete_fields = ["person"]
    verbose_name = "affiliated person"


@admin.register(Organisation)
class OrganisationAdmin(NamedEntityAdmin):
    list_display = ["name", "kind", "quote_count", "article_count"]
    list_filter = [PossibleDuplicatesFilter, "kind"]
    inlines = [OrganisationAliasInline, MemberInline]
    merge_service = services.organisation_merge


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "verb", "is_partial", "is_confirmed"]
    list_filter = ["is_confirmed", "is_partial"]
    list_select_related = ["article", "person", "organisation"]
    search_fields = ["text", "person__name", "organisation__name", "article__headline"]
    autocomplete_fields = ["article", "person", "organisation"]
    actions = ["confirm_selected"]

    @admin.action(description="Mark selected quotes as confirmed")
    def confirm_selected(self, request, queryset):
        count = queryset.update(is_confirmed=True)
        self.message_user(request, f"Confirmed {count} quote(s).", messages.SUCCESS)
