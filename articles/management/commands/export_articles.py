"""Export articles as JSON Lines: `manage.py export_articles OUTPUT.jsonl`.

One article per line with everything needed to rebuild it elsewhere: its people (slug, aliases,
description, affiliations), organisations and quotes, confirmed flags included, so
`import_articles` of the file gives the same archive back (a backup, or a move between
installations). Rows are streamed from the database, so the archive's size does not matter.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importers.jsonl import FORMAT_NAME, FORMAT_VERSION
from articles.models import Article

CHUNK_SIZE = 200


def _person(person, mentions=None):
    return {
        "name": person.name,
        "slug": person.slug,
        "aliases": [alias.name for alias in person.aliases.all()],
        "description": person.description,
        **({"mentions": mentions} if mentions is not None else {}),
        "affiliations": [
            {"organisation": a.organisation.name, "role": a.role} for a in person.affiliations.all()
        ],
    }


def article_record(article) -> dict:
    """One line of the export (the keys `articles.importers.jsonl` reads)."""
    people = {m.person_id: _person(m.person, m.count) for m in article.person_mentions.all()}
    quotes = list(article.quotes.all())
    for quote in quotes:  # a speaker not counted as a mention still travels with its quote
        if quote.person is not None and quote.person_id not in people:
            people[quote.person_id] = _person(quote.person, 0)
    organisations = {
        m.organisation_id: (m.organisation, m.count) for m in article.organisation_mentions.all()
    }
    for quote in quotes:
        if quote.organisation is not None and quote.organisation_id not in organisations:
            organisations[quote.organisation_id] = (quote.organisation, 0)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "published_at": article.published_at.isoformat(),
        "source": article.source,
        "source_url": article.source_url,
        "section": article.section,
        "language": article.language,
        "byline": [_person(person) for person in article.byline.all()],
        "people": list(people.values()),
        "organisations": [
            {
                "name": organisation.name,
                "slug": organisation.slug,
                "aliases": [alias.name for alias in organisation.aliases.all()],
                "kind": organisation.kind,
                "description": organisation.description,
                "mentions": count,
            }
            for organisation, count in organisations.values()
        ],
        "quotes": [
            {
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "person": quote.person.slug if quote.person else "",
                "organisation": quote.organisation.slug if quote.organisation else "",
                "speaker_description": quote.speaker_description,
                "partial": quote.is_partial,
                "verb": quote.verb,
                "confirmed": quote.is_confirmed,
            }
            for quote in quotes
        ],
    }


class Command(BaseCommand):
    help = "Write every article, with its people, organisations and quotes, as JSON Lines."

    def add_arguments(self, parser):
        parser.add_argument("output", type=str, help='The file to write, or "-" for stdout.')

    def handle(self, *args, output, **options):
        articles = Article.objects.order_by("pk").prefetch_related(
            *(
                f"{path}__{related}"
                for path in ("byline", "person_mentions__person", "quotes__person")
                for related in ("aliases", "affiliations__organisation")
            ),
            "organisation_mentions__organisation__aliases",
            "quotes__organisation__aliases",
        )
        if output == "-":
            count = self._write(self.stdout, articles)
        else:
            try:
                with Path(output).open("w", encoding="utf-8") as stream:
                    count = self._write(stream, articles)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error}") from error
        self.stderr.write(self.style.SUCCESS(f"Exported {count} articles to {output}."))

    def _write(self, stream, articles):
        count = 0
        for article in articles.iterator(chunk_size=CHUNK_SIZE):
            stream.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
            count += 1
        return count
