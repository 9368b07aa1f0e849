"""The search page and its query-syntax help.

The view only wires the form to a page: the form reads and checks the input and builds the
SearchQuerySet; the engine counts facets; the templates draw them. Page numbers are clamped
(`Paginator.get_page`) so no link a reader can type or edit ends in an error page.
"""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import TemplateView

from .forms import MAX_QUERY_LENGTH, QUERY_FIELDS, ArchiveSearchForm

log = logging.getLogger(__name__)


class SearchView(TemplateView):
    """The search page. When the engine fails (an unreadable index, a server engine that is
    down) readers get a 503 page saying search is unavailable, never a traceback; every
    other page of the site keeps working because none of them needs the engine."""

    template_name = "search/search.html"
    paginate_by = settings.HAYSTACK_SEARCH_RESULTS_PER_PAGE
    # Below this many results a "did you mean" is worth asking the engine for.
    suggest_below = 3

    def get_context_data(self, **kwargs):
        form = ArchiveSearchForm(self.request.GET or None)
        results = form.search()
        page = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
        facet_counts = results.facet_counts()
        total = page.paginator.count
        return super().get_context_data(
            form=form,
            page_obj=page,
            total=total,
            searched=form.is_searching(),
            facet_groups=form.facet_groups(facet_counts),
            facet_counts=facet_counts,
            suggestion=form.get_suggestion(results) if total < self.suggest_below else None,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        try:
            context = self.get_context_data(**kwargs)
        except Exception:
            # Whatever the engine raises: a missing segment file, a corrupt table of
            # contents, a refused connection. Logged in full for the operator.
            log.exception("Search failed; showing readers that search is unavailable")
            response = render(request, "search/unavailable.html", status=503)
            response["Retry-After"] = "60"
            return response
        return self.render_to_response(context)


class SearchHelpView(TemplateView):
    template_name = "search/help.html"
    extra_context = {"query_fields": QUERY_FIELDS, "max_query_length": MAX_QUERY_LENGTH}
