"""Writes that span several models. Admin actions, commands and tests call these; views never
write. Each is one transaction, so a failure leaves nothing half-done."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from .extraction import extract as run_extraction
from .importers.runner import extraction_text
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
    normalize_name,
    unique_slug,
)
from .signals import reindex_related
from .text import html_to_text, sanitize_html


def _merge_entities(*, keep, duplicates, owner_field, mention_model, alias_model):
    """Move everything that points at each duplicate onto `keep`, then delete the duplicate.

    Person and Organisation share this: quotes, mentions (counts added where both are named
    in one article), affiliations, and the duplicate's name and aliases as aliases of `keep`.
    """
    known_keys = {keep.name_key, *keep.aliases.values_list("name_key", flat=True)}
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        duplicate.quotes.update(**{owner_field: keep})

        for mention in mention_model.objects.filter(**{owner_field: duplicate}):
            merged = mention_model.objects.filter(
                article_id=mention.article_id, **{owner_field: keep}
            ).update(count=F("count") + mention.count)
            if not merged:
                mention_model.objects.filter(pk=mention.pk).update(**{owner_field: keep})

        for affiliation in duplicate.affiliations.all():
            sides = {"person": affiliation.person, "organisation": affiliation.organisation}
            Affiliation.objects.get_or_create(role=affiliation.role, **{**sides, owner_field: keep})

        for name in [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]:
            key = normalize_name(name)
            if key and key not in known_keys:
                alias_model.objects.create(name=name, **{owner_field: keep})
                known_keys.add(key)

        if not keep.description and duplicate.description:
            keep.description = duplicate.description
            keep.save(update_fields=["description", "updated_at"])
        duplicate.delete()
    # Quotes and mentions moved with QuerySet.update(), which sends no signals.
    reindex_related(keep)
    return keep


@transaction.atomic
def person_merge(*, keep: Person, duplicates) -> Person:
    """Merge `duplicates` into `keep` (the same person under other spellings); bylines move
    too."""
    for duplicate in duplicates:
        for article in duplicate.bylined_articles.all():
            article.byline.add(keep)
    return _merge_entities(
        keep=keep,
        duplicates=duplicates,
        owner_field="person",
        mention_model=PersonMention,
        alias_model=PersonAlias,
    )


@transaction.atomic
def organisation_merge(*, keep: Organisation, duplicates) -> Organisation:
    """Merge `duplicates` into `keep` (one organisation under several names or acronyms)."""
    return _merge_entities(
        keep=keep,
        duplicates=duplicates,
        owner_field="organisation",
        mention_model=OrganisationMention,
        alias_model=OrganisationAlias,
    )


# Import and extraction -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    """What `article_import` did: "imported", "updated" or "skipped" (the same story, unchanged),
    the article (None on a dry run of a new one) and how many quotes were found or carried."""

    action: str
    article: Article | None
    quotes_found: int = 0


class _Resolver:
    """Finds the Person or Organisation a name means, by name and alias, creating a record only
    when none matches, and remembering answers for the rest of the article.

    A new short form of a known record becomes its alias ("Kirby" for John Kirby), so the next
    article that says only "Kirby" finds the same person. For people, one-word forms are never
    used to *find* a fuller name (two Kirbys must stay two people); the exception is a record
    that so far has only the short name, which takes the full one when it turns up.
    """

    def __init__(self, model, alias_model, owner_field, min_alias_words):
        self.model = model
        self.alias_model = alias_model
        self.owner_field = owner_field
        self.min_alias_words = min_alias_words
        self.cache = {}

    def _match(self, name, slug=""):
        key = normalize_name(name)
        if slug:
            found = self.model.objects.filter(slug=slug, name_key=key).first()
            if found:
                return found
        matches = list(self.model.objects.matching_name(name).order_by("pk")[:10])
        exact = [record for record in matches if record.name_key == key]
        return (exact or matches or [None])[0]

    def get(self, name, *, aliases=(), description="", slug="", **extra):
        name = " ".join(name.split())
        key = normalize_name(name)
        if not key:
            return None
        record = self.cache.get(key)
        if record is None:
            record = self._match(name, slug)
        aliases = [" ".join(a.split()) for a in aliases if normalize_name(a)]
        for alias in aliases:
            if record is None and len(alias.split()) >= self.min_alias_words:
                record = self._match(alias)
        if record is None and len(name.split()) > 1:
            record = self._adopt_short_record(name, aliases)
        if record is None:
            record = self.model(name=name[:255], description=description[:255], **extra)
            _save_valid(record, slug=slug)
        elif description and not record.description:
            record.description = description[:255]
            record.save(update_fields=["description", "updated_at"])
        self._add_aliases(record, [name, *aliases])
        return record

    def _adopt_short_record(self, name, aliases):
        for alias in aliases:
            short = self.model.objects.filter(name_key=normalize_name(alias))
            if len(alias.split()) == 1 and short.count() == 1:
                record = short.get()
                record.name = name[:255]
                record.save(update_fields=["name", "name_key", "updated_at"])
                return record
        return None

    def _add_aliases(self, record, names):
        known = {record.name_key, *record.aliases.values_list("name_key", flat=True)}
        for name in names:
            key = normalize_name(name)
            if key not in known:
                _save_valid(self.alias_model(name=name[:255], **{self.owner_field: record}))
                known.add(key)
            self.cache[key] = record


def _save_valid(record, *, slug=""):
    """full_clean() then save(), filling first the keys that save() would derive, which
    full_clean() requires."""
    record.name_key = normalize_name(record.name)
    if hasattr(record, "slug") and not record.slug:
        model = type(record)
        taken = slug and model.objects.filter(slug=slug).exists()
        record.slug = slug if slug and not taken else unique_slug(model, record.name)
    record.full_clean()
    record.save()


class _ArticleEntities:
    """Links one article to its people, organisations and quotes."""

    def __init__(self, article):
        self.article = article
        self.people = _Resolver(Person, PersonAlias, "person", min_alias_words=2)
        self.organisations = _Resolver(
            Organisation, OrganisationAlias, "organisation", min_alias_words=1
        )

    def mention(self, people, organisations):
        """Set the mention counts of the given {record: count}; other mentions stay."""
        for model, owner, counts in [
            (PersonMention, "person", people),
            (OrganisationMention, "organisation", organisations),
        ]:
            for record, count in counts.items():
                if count > 0:
                    model.objects.update_or_create(
                        article=self.article, **{owner: record}, defaults={"count": count}
                    )

    def affiliate(self, person, organisation_name, role):
        organisation = self.organisations.get(organisation_name)
        if organisation is not None:
            Affiliation.objects.get_or_create(
                person=person, organisation=organisation, role=(role or "")[:255]
            )

    def replace_quotes(self, quotes):
        """Delete the article's unconfirmed quotes and add `quotes` (Quote instances not yet
        saved), leaving out any that repeat a confirmed one: editors' work is never touched."""
        self.article.quotes.filter(is_confirmed=False).delete()
        confirmed = list(self.article.quotes.filter(is_confirmed=True))
        added = 0
        for quote in quotes:
            if any(_same_quote(quote, kept) for kept in confirmed):
                continue
            quote.article = self.article
            quote.full_clean(exclude=["article", "person", "organisation"])
            quote.save()
            added += 1
        return added


def _same_quote(quote, kept):
    if quote.start is not None and kept.start is not None:
        return quote.start < kept.end and kept.start < quote.end
    return quote.text == kept.text


def _apply_record_entities(entities, parsed):
    """People, organisations and quotes the source itself gives (tags, our own export).
    Organisations go first, so one named in a person's affiliation gets its full record."""
    organisations, organisations_by_key = {}, {}
    for found in parsed.organisations:
        organisation = entities.organisations.get(
            found.name,
            aliases=found.aliases,
            description=found.description,
            slug=found.slug,
            **({"kind": found.kind} if found.kind else {}),
        )
        organisations[organisation] = organisations.get(organisation, 0) + found.mentions
        organisations_by_key[found.slug or found.name] = organisation
    people, by_key = {}, {}
    for found in parsed.people:
        person = entities.people.get(
            found.name, aliases=found.aliases, description=found.description, slug=found.slug
        )
        people[person] = people.get(person, 0) + found.mentions
        by_key[found.slug or found.name] = person
        for organisation_name, role in found.affiliations:
            entities.affiliate(person, organisation_name, role)
    entities.mention(people, organisations)
    if parsed.quotes is None:
        return None
    quotes = []
    for found in parsed.quotes:
        person = by_key.get(found.person) or (
            entities.people.get(found.person) if found.person else None
        )
        organisation = organisations_by_key.get(found.organisation) or (
            entities.organisations.get(found.organisation) if found.organisation else None
        )
        quotes.append(
            Quote(
                text=found.text,
                start=found.start,
                end=found.end,
                person=person,
                organisation=None if person else organisation,
                speaker_description=found.speaker_description[:255],
                is_partial=found.partial,
                verb=found.verb[:50],
                is_confirmed=found.confirmed,
            )
        )
    return entities.replace_quotes(quotes)


def _apply_extraction(entities, result, offset):
    """Turn an ExtractionResult (offsets into standfirst + body, the body from `offset`) into
    mentions, affiliations and unconfirmed quotes."""
    people, organisations = {}, {}
    for found in result.organisations:
        organisation = entities.organisations.get(found.name, aliases=found.aliases)
        organisations[organisation] = organisations.get(organisation, 0) + found.mentions
    for found in result.people:
        person = entities.people.get(
            found.name, aliases=found.aliases, description=found.role or ""
        )
        people[person] = people.get(person, 0) + found.mentions
        if found.organisation:
            entities.affiliate(person, found.organisation, found.role)
    entities.mention(people, organisations)

    body_text = entities.article.body_text
    quotes = []
    for found in result.quotes:
        start, end = found.start - offset, found.end - offset
        if start < 0:  # in the standfirst: kept, without offsets, unless the body repeats it
            if found.text in body_text:
                continue
            start = end = None
        speaker = found.speaker or ""
        person = organisation = None
        if speaker and found.speaker_type == "person":
            person = entities.people.get(speaker)
        elif speaker and found.speaker_type == "organisation":
            organisation = entities.organisations.get(speaker)
        quotes.append(
            Quote(
                text=found.text,
                start=start,
                end=end,
                person=person,
                organisation=organisation,
                speaker_description=speaker[:255] if found.speaker_type == "unnamed" else "",
                is_partial=found.partial,
                verb=(found.verb or "")[:50],
            )
        )
    return entities.replace_quotes(quotes)


@transaction.atomic
def article_extract(*, article, result=None, extracted_from=None) -> int:
    """Find the article's quotes, people and organisations and record them; returns the number
    of quotes added. Unconfirmed machine quotes are replaced, confirmed ones never touched.

    `result` may come precomputed (the importer extracts in worker processes); it is used only
    when `extracted_from` is the article's current plain text, so offsets always line up."""
    body_text = article.body_text
    text, offset = extraction_text(standfirst=article.standfirst, body_text=body_text)
    if result is None or extracted_from != body_text:
        known_people = article.people.values_list("name", flat=True)
        known_organisations = article.organisations.values_list("name", flat=True)
        result = run_extraction(
            text, known_people=list(known_people), known_organisations=list(known_organisations)
        )
    return _apply_extraction(_ArticleEntities(article), result, offset)


def article_import(
    *, parsed, extract=True, extraction=None, extracted_from=None, dry_run=False
) -> ImportOutcome:
    """Write one parsed article: a new record, or an update of the one with the same source URL
    or, failing that, the same text (content_hash), so importing twice never duplicates.

    Extraction runs unless `extract` is false or the record carries its own quotes (our own
    export). An unchanged article is "skipped" and only extracted if it never was. With
    `dry_run` nothing is written: the outcome says what would happen."""
    headline = " ".join(parsed.headline.split())[:500]
    body = sanitize_html(parsed.body_html)
    body_text = html_to_text(body)
    if not body_text.strip():
        raise ValidationError("The article has no text.")
    content_hash = Article.compute_content_hash(headline, body_text)
    existing = None
    if parsed.source_url:
        existing = Article.objects.filter(source_url=parsed.source_url).first()
    if existing is None:
        existing = Article.objects.filter(content_hash=content_hash).order_by("pk").first()

    values = {
        "headline": headline,
        "standfirst": parsed.standfirst.strip(),
        "source": parsed.source[:200],
        "section": parsed.section[:100],
    }
    if parsed.language:
        values["language"] = parsed.language[:16]
    if parsed.published_at:
        values["published_at"] = parsed.published_at
    if parsed.source_url and not (existing and existing.source_url):
        values["source_url"] = parsed.source_url
    if existing is None:
        action = "imported"
    elif existing.content_hash == content_hash and all(
        getattr(existing, field) == value for field, value in values.items()
    ):
        action = "skipped"
    else:
        action = "updated"

    if dry_run:
        if parsed.quotes is not None:
            found = len(parsed.quotes)
        elif extract:
            text, _ = extraction_text(standfirst=values["standfirst"], body_text=body_text)
            reuse = extraction if extracted_from == body_text else None
            found = len((reuse or run_extraction(text)).quotes)
        else:
            found = 0
        return ImportOutcome(action, existing, found)

    with transaction.atomic():
        article = existing or Article()
        if action == "skipped":
            never_extracted = not (article.quotes.exists() or article.person_mentions.exists())
            found = 0
            if extract and parsed.quotes is None and never_extracted:
                found = article_extract(
                    article=article, result=extraction, extracted_from=extracted_from
                )
            return ImportOutcome(action, article, found)
        for field, value in values.items():
            setattr(article, field, value)
        article.body = body
        if not article.slug:
            taken = parsed.slug and Article.objects.filter(slug=parsed.slug).exists()
            article.slug = (
                parsed.slug if parsed.slug and not taken else unique_slug(Article, headline)
            )
        article.content_hash = content_hash
        article.full_clean()
        article.save()

        entities = _ArticleEntities(article)
        if parsed.authors:
            authors = [
                entities.people.get(
                    a.name, aliases=a.aliases, description=a.description, slug=a.slug
                )
                for a in parsed.authors
            ]
            article.byline.set([author for author in authors if author is not None])
        found = _apply_record_entities(entities, parsed)
        if found is None:
            found = 0
            if extract:
                found = article_extract(
                    article=article, result=extraction, extracted_from=extracted_from
                )
        return ImportOutcome(action, article, found)
