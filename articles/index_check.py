"""Does the search index hold exactly what the database says it should?

`compare_index` lists, per indexed model, the documents that are missing (a row the index
should have and does not), stale (indexed before the row's last change) and orphaned (a
document for a row that is gone or no longer public). `repair_index` queues the fixes through
the ordinary index queue, so they go through the one writer like every other change. An
index whose files cannot be read at all is recreated empty first and then refilled.

It talks to the engine through Haystack only (plus Whoosh's storage for recreating a broken
on-disk index), so it works on a server engine too.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone
from haystack import connections
from haystack.query import SearchQuerySet

from . import search_queue
from .models import SearchIndexTask

log = logging.getLogger(__name__)

PAGE = 1000
# Some engines keep stored datetimes to the millisecond only.
CLOCK_TOLERANCE = datetime.timedelta(milliseconds=1)


class IndexUnreadable(Exception):
    """The engine could not list the index's documents."""


@dataclass
class ModelDrift:
    label: str
    expected: int
    indexed: int
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)


def _as_utc(moment):
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def _indexed_documents(model, using):
    """{pk: stored updated_at} for every document of `model` in the index."""
    documents = {}
    queryset = SearchQuerySet(using=using).models(model).all().order_by("django_id")
    start = 0
    try:
        total = queryset.count()
        while start < total:
            for result in queryset[start : start + PAGE]:
                documents[str(result.pk)] = _as_utc(getattr(result, "updated_at", None))
            start += PAGE
    except Exception as error:
        raise IndexUnreadable(f"{model._meta.label}: {error!r}") from error
    return documents


def compare_index(using="default") -> list[ModelDrift]:
    """How far the index has drifted from the database, model by model."""
    unified = connections[using].get_unified_index()
    report = []
    for model in unified.get_indexed_models():
        search_index = unified.get_index(model)
        expected = {
            str(pk): _as_utc(updated)
            for pk, updated in search_index.index_queryset(using=using).values_list(
                "pk", "updated_at"
            )
        }
        indexed = _indexed_documents(model, using)
        drift = ModelDrift(model._meta.label_lower, expected=len(expected), indexed=len(indexed))
        for pk, updated in expected.items():
            if pk not in indexed:
                drift.missing.append(pk)
            elif indexed[pk] is None or indexed[pk] + CLOCK_TOLERANCE < updated:
                drift.stale.append(pk)
        drift.orphaned = [pk for pk in indexed if pk not in expected]
        report.append(drift)
    return report


def recreate_index(using="default") -> bool:
    """Start an unreadable on-disk index afresh (our Whoosh backend's `recreate`).
    Returns False for engines that are not on this disk: their operators restart them."""
    backend = connections[using].get_backend()
    if not hasattr(backend, "recreate"):
        return False
    backend.recreate()
    return True


def repair_index(report, *, using="default") -> int:
    """Queue updates for missing and stale documents and deletions for orphans, then apply
    the queue (waiting for other writers). Returns how many documents were repaired."""
    unified = connections[using].get_unified_index()
    labels = {model._meta.label_lower: model for model in unified.get_indexed_models()}
    changes = []
    for drift in report:
        model = labels[drift.label]
        changes += [((model, pk), SearchIndexTask.Action.UPDATE) for pk in drift.missing]
        changes += [((model, pk), SearchIndexTask.Action.UPDATE) for pk in drift.stale]
        changes += [((model, pk), SearchIndexTask.Action.DELETE) for pk in drift.orphaned]
    search_queue.enqueue(changes)
    search_queue.process_pending(lock_timeout=30, using=using)
    return len(changes)
