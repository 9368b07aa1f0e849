"""Keeps the search index in step with the database on every save path (admin, importers,
merges, the shell): each change records index work in the same transaction, through
`articles.search_queue`, instead of writing to the index from the request.

Documents include related rows (an article's document holds the names of the people it
mentions and the words it quotes; a quote's holds its article's headline), so a change to
one row re-indexes the documents that include it. Named in settings as
HAYSTACK_SIGNAL_PROCESSOR.
"""

from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from . import search_queue
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
    SearchIndexTask,
)

UPDATE = SearchIndexTask.Action.UPDATE
DELETE = SearchIndexTask.Action.DELETE


def _article_and_quotes(article_ids):
    """An article's document and its quotes' documents (which carry the article's headline,
    date, people and organisations)."""
    article_ids = [pk for pk in article_ids if pk is not None]
    quote_ids = Quote.objects.filter(article_id__in=article_ids).values_list("pk", flat=True)
    return [((Article, pk), UPDATE) for pk in article_ids] + [
        ((Quote, pk), UPDATE) for pk in quote_ids
    ]


def related_changes(instance):
    """The documents that include `instance`, to re-index when it changes or goes."""
    if isinstance(instance, Article):
        return [((Quote, pk), UPDATE) for pk in instance.quotes.values_list("pk", flat=True)]
    if isinstance(instance, Quote):
        return [((Article, instance.article_id), UPDATE)]
    if isinstance(instance, Person):
        article_ids = {
            *instance.mentions.values_list("article_id", flat=True),
            *instance.bylined_articles.values_list("pk", flat=True),
            *instance.quotes.values_list("article_id", flat=True),
        }
        return _article_and_quotes(article_ids)
    if isinstance(instance, Organisation):
        article_ids = {
            *instance.mentions.values_list("article_id", flat=True),
            *instance.quotes.values_list("article_id", flat=True),
        }
        members = instance.affiliations.values_list("person_id", flat=True)
        return _article_and_quotes(article_ids) + [((Person, pk), UPDATE) for pk in members]
    if isinstance(instance, PersonAlias):
        return [((Person, instance.person_id), UPDATE)]
    if isinstance(instance, OrganisationAlias):
        return [((Organisation, instance.organisation_id), UPDATE)]
    if isinstance(instance, Affiliation):
        return [((Person, instance.person_id), UPDATE)]
    if isinstance(instance, PersonMention | OrganisationMention):
        return _article_and_quotes([instance.article_id])
    return []


def reindex_related(instance):
    """Queue `instance` and every document that includes it. For writes that bypass model
    signals (`QuerySet.update()`, as the merge services use), call this afterwards."""
    search_queue.enqueue([(instance, UPDATE), *related_changes(instance)])


INDEXED = (Article, Quote, Person, Organisation)
RELATED = (PersonAlias, OrganisationAlias, Affiliation, PersonMention, OrganisationMention)


MANY_TO_MANY = (Article.byline.through, Article.people.through, Article.organisations.through)


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queue index work on saves, deletes and many-to-many changes of every model a document
    includes; never touches the index itself."""

    def setup(self):
        for model in INDEXED + RELATED:
            signals.post_save.connect(self.handle_save, sender=model)
            signals.post_delete.connect(self.handle_delete, sender=model)
        for through in MANY_TO_MANY:
            signals.m2m_changed.connect(self.handle_m2m, sender=through)

    def teardown(self):
        for model in INDEXED + RELATED:
            signals.post_save.disconnect(self.handle_save, sender=model)
            signals.post_delete.disconnect(self.handle_delete, sender=model)
        for through in MANY_TO_MANY:
            signals.m2m_changed.disconnect(self.handle_m2m, sender=through)

    def handle_save(self, sender, instance, raw=False, created=False, **kwargs):
        """Loading fixtures (`raw`) queues too: `loaddata` then needs no `rebuild_index`.

        A document row just inserted is included in no other document yet (rows that would
        include it point at it, so come later and queue their own work); looking for them
        would cost queries on every insert of an import. Fixtures are loaded with
        constraint checks off, in any order, so `raw` inserts still look."""
        if created and not raw and isinstance(instance, INDEXED):
            search_queue.enqueue([(instance, UPDATE)])
            return
        changes = related_changes(instance)
        if isinstance(instance, INDEXED):
            changes.insert(0, (instance, UPDATE))
        search_queue.enqueue(changes)

    def handle_delete(self, sender, instance, **kwargs):
        changes = related_changes(instance)
        if isinstance(instance, INDEXED):
            changes.insert(0, (instance, DELETE))
        search_queue.enqueue(changes)

    def handle_m2m(self, sender, instance, action, reverse, pk_set, **kwargs):
        """`article.people.add()` and the like skip the through model's save signals.
        From the person's side (`reverse`), `pk_set` holds article ids; a clear is caught
        before it happens, while the articles it touches can still be found."""
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            changes = [(instance, UPDATE), *related_changes(instance)]
        elif action == "pre_clear":
            changes = related_changes(instance)
        else:
            changes = _article_and_quotes(pk_set)
        search_queue.enqueue(changes)
