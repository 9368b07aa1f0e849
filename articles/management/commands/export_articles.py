"""Export articles as JSON Lines: `manage.py export_articles OUTPUT.jsonl`.

One article per line with everything needed to rebuild it elsewhere: its people (slug, aliases,
description, affiliations), organisations (kind, aliases, description) and quotes, with the
confirmed flags, whether extraction found each mention and where each quote is, so
`import_articles` of the file gives the same archive back (a backup, or a move between
installations). Rows are streamed from the database, so the archive's size does not matter.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importers.jsonl import FORMAT_NAME, FORMAT_VERSION
from articles.models import Article

CHUNK_SIZE = 200


def _person(person, mentions=None, extracted=False):
    return {
        "name": person.name,
        "slug": person.slug,
        "aliases": [alias.name for alias in person.aliases.all()],
        "description": person.description,
        **({"mentions": mentions, "extracted": extracted} if mentions is not None else {}),
        "affiliations": [
            {"organisation": a.organisation.slug, "role": a.role} for a in person.affiliations.all()
        ],
    }


def _organisation(organisation, mentions, extracted=False):
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "aliases": [alias.name for alias in organisation.aliases.all()],
        "kind": organisation.kind,
        "description": organisation.description,
        "mentions": mentions,
        "extracted": extracted,
    }


def article_record(article) -> dict:
    """One line of the export (the keys `articles.importers.jsonl` reads). Everyone the line
    refers to travels in full with it, with 0 mentions when the article does not name them,
    so an import into an empty archive rebuilds them: speakers, and the organisations of the
    affiliations of the article's people."""
    byline = list(article.byline.all())
    quotes = list(article.quotes.all())
    people = {
        m.person_id: _person(m.person, m.count, m.is_extracted)
        for m in article.person_mentions.all()
    }
    speakers = [quote.person for quote in quotes if quote.person is not None]
    for person in speakers:
        if person.pk not in people:
            people[person.pk] = _person(person, 0)
    organisations = {
        m.organisation_id: _organisation(m.organisation, m.count, m.is_extracted)
        for m in article.organisation_mentions.all()
    }
    affiliated = [
        affiliation.organisation
        for person in [*byline, *(m.person for m in article.person_mentions.all()), *speakers]
        for affiliation in person.affiliations.all()
    ]
    for organisation in [*(quote.organisation for quote in quotes), *affiliated]:
        if organisation is not None and organisation.pk not in organisations:
            organisations[organisation.pk] = _organisation(organisation, 0)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "published_at": article.published_at.isoformat(),
        "date_known": article.date_known,
        "source": article.source,
        "source_url": article.source_url,
        "section": article.section,
        "language": article.language,
        "byline": [_person(person) for person in byline],
        "people": list(people.values()),
        "organisations": list(organisations.values()),
        "quotes": [
            {
                "text": quote.text,
                "in_standfirst": quote.in_standfirst,
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
                for related in ("aliases", "affiliations__organisation__aliases")
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
