"""Backup and restore, with the commands the README documents, round-trip the demo data."""

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet

from articles.models import (
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

SNAPSHOT_MODELS = [
    (Article, ["slug", "headline", "body", "published_at", "source_url", "content_hash"]),
    (Person, ["slug", "name", "description"]),
    (Organisation, ["slug", "name", "kind"]),
    (PersonAlias, ["person__slug", "name"]),
    (OrganisationAlias, ["organisation__slug", "name"]),
    (Affiliation, ["person__slug", "organisation__slug", "role"]),
    (PersonMention, ["article__slug", "person__slug", "count"]),
    (OrganisationMention, ["article__slug", "organisation__slug", "count"]),
    (
        Quote,
        ["article__slug", "text", "person__slug", "organisation__slug", "start", "end",
         "is_partial", "verb", "is_confirmed", "speaker_description"],
    ),
]  # fmt: skip


def snapshot():
    return {
        model.__name__: set(model.objects.values_list(*fields)) for model, fields in SNAPSHOT_MODELS
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip_the_demo_data(tmp_path):
    call_command("loaddata", "demo", verbosity=0)
    before = snapshot()
    assert len(before["Article"]) >= 40 and len(before["Quote"]) >= 80
    backup = tmp_path / "backup.json.gz"

    call_command(
        "dumpdata", "articles", "auth.user", "auth.group",
        "--natural-foreign", "--natural-primary",
        "--exclude", "articles.searchindextask",
        "--output", str(backup), verbosity=0,
    )  # fmt: skip
    call_command("flush", "--noinput", verbosity=0)
    assert Article.objects.count() == 0

    call_command("loaddata", str(backup), verbosity=0)
    call_command("rebuild_index", "--noinput", verbosity=0)

    assert snapshot() == before
    article = Article.objects.order_by("pk").first()
    found = SearchQuerySet().models(Article).filter(content=article.headline)
    assert article.get_absolute_url() in {result.url for result in found}
