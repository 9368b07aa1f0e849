"""Reader-facing pages. Views only read: every write goes through articles.services."""

from django.views.generic import DetailView, ListView

from .models import Article, Organisation, Person


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().with_related()


class ArticleDetailView(DetailView):
    model = Article

    def get_queryset(self):
        return Article.objects.published().with_related()


class PersonDetailView(DetailView):
    model = Person


class OrganisationDetailView(DetailView):
    model = Organisation
