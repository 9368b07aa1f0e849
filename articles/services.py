"""Writes that span several models. Admin actions, commands and tests call these; views never
write. Each is one transaction, so a failure leaves nothing half-done."""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import search_queue
from .extraction import extract as run_extraction
from .extraction import lexicon
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
    slug_base,
    unique_slug,
)
from .signals import UPDATE, reindex_related, related_changes
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
            # A mention the source or an editor gave stays one when extraction's joins it.
            kept = {} if mention.is_extracted else {"is_extracted": False}
            merged = mention_model.objects.filter(
                article_id=mention.article_id, **{owner_field: keep}
            ).update(count=F("count") + mention.count, **kept)
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


def _chunks(items, size=500):
    """`items` in lists of at most `size`: SQLite takes a limited number of query parameters."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Slugs:
    """The slugs a batch's new records of one model may take, looked up together: which of
    them are in use. Choosing a new record's slug then costs no query, where asking the
    database for each new person was a fifth of an import's writing time. A slug chosen
    here counts as taken at once, as its record is inserted next."""

    def __init__(self, model):
        self.model = model
        self.known = set()
        self.taken = set()

    def load(self, slugs):
        wanted = {slug for slug in slugs if slug} - self.known
        for chunk in _chunks(sorted(wanted)):
            found = self.model.objects.filter(slug__in=chunk).values_list("slug", flat=True)
            self.taken.update(found)
        self.known |= wanted

    def load_for(self, values):
        """Look up the slugs that records named `values` would get."""
        self.load(map(slug_base, values))

    def free(self, value, preferred=""):
        """`preferred` if no row has it, else a slug for `value` no row has (as
        `unique_slug`, which asks the database only when the plain slug is taken)."""
        for candidate in (preferred, slug_base(value)):
            if candidate:
                self.load([candidate])
                if candidate not in self.taken:
                    break
        else:
            candidate = unique_slug(self.model, value)
            self.known.add(candidate)
        self.taken.add(candidate)
        return candidate


class _EntityIndex:
    """The people (or organisations) an import batch has looked at, by name key, for names
    and aliases alike, so that matching a name costs no query once its key is loaded.

    Every record held comes with all its aliases, and every key in `loaded` has all the
    records that carry it as name or alias, so answers are the database's answers. Records
    and aliases the import creates are added as they are written; `ImportBatch.forget()`
    drops everything when an article's savepoint rolls back."""

    def __init__(self, model, alias_model, owner_field):
        self.model = model
        self.alias_model = alias_model
        self.owner_field = owner_field
        self.records = {}  # pk -> record
        self.alias_keys = {}  # pk -> name keys of its aliases
        self.by_name = defaultdict(set)  # name key -> pks of records with that name
        self.by_alias = defaultdict(set)  # name key -> pks of records with that alias
        self.loaded = set()
        self.slugs = _Slugs(model)

    def load(self, keys):
        """Fetch the records named, or aliased, by any of `keys` not loaded yet."""
        keys = {key for key in keys if key and key not in self.loaded}
        owner_id = f"{self.owner_field}_id"
        for chunk in _chunks(sorted(keys)):
            found = list(self.model.objects.filter(name_key__in=chunk))
            aliased = (
                set(
                    self.alias_model.objects.filter(name_key__in=chunk).values_list(
                        owner_id, flat=True
                    )
                )
                - self.records.keys()
                - {record.pk for record in found}
            )
            if aliased:
                found += self.model.objects.filter(pk__in=aliased)
            new = [record for record in found if record.pk not in self.records]
            for record in new:
                self._hold(record)
            for pks in _chunks([record.pk for record in new]):
                aliases = self.alias_model.objects.filter(**{f"{owner_id}__in": pks})
                for pk, key in aliases.values_list(owner_id, "name_key"):
                    self.add_alias(pk, key)
        self.loaded |= keys

    def _hold(self, record):
        self.records[record.pk] = record
        self.alias_keys[record.pk] = set()
        self.by_name[record.name_key].add(record.pk)

    def matches(self, key):
        """Records whose name or an alias has `key`, oldest first."""
        self.load([key])
        pks = self.by_name.get(key, set()) | self.by_alias.get(key, set())
        return [self.records[pk] for pk in sorted(pks)]

    def named(self, key):
        """Records whose own name (not an alias) has `key`."""
        self.load([key])
        return [self.records[pk] for pk in sorted(self.by_name.get(key, ()))]

    def add_created(self, record):
        self._hold(record)

    def renamed(self, record, old_key):
        self.by_name[old_key].discard(record.pk)
        self.by_name[record.name_key].add(record.pk)

    def add_alias(self, pk, key):
        self.alias_keys[pk].add(key)
        self.by_alias[key].add(pk)


class ImportBatch:
    """What the articles written in one transaction share: people and organisations by name
    key, existing articles by source URL and content hash, and known affiliations. Loading
    these for a whole batch (`preload`) replaces dozens of queries per article with a few per
    batch. Use one batch per transaction: it does not see other processes' later writes."""

    def __init__(self):
        self.forget()

    def forget(self):
        """Drop everything held: after a rolled-back article, what was held may be gone."""
        self.people = _EntityIndex(Person, PersonAlias, "person")
        self.organisations = _EntityIndex(Organisation, OrganisationAlias, "organisation")
        self.articles = {}  # ("url", url) or ("hash", content hash) -> Article or None
        self.article_slugs = _Slugs(Article)
        self.affiliations = set()  # (person pk, organisation pk, role) known to exist
        self.affiliations_loaded = set()  # person pks whose affiliations are all known

    def preload(self, items):
        """Load, in a few queries, what the articles `items` will look up: an iterable of
        (ParsedArticle, ExtractionResult or None, body plain text)."""
        urls, hashes, headlines = set(), set(), set()
        people, organisations = set(), set()
        for parsed, extraction, body_text in items:
            if parsed.source_url:
                urls.add(parsed.source_url)
            headline = " ".join(parsed.headline.split())[:500]
            headlines.add(headline)
            hashes.add(Article.compute_content_hash(headline, body_text))
            found_people, found_organisations = _names(parsed, extraction)
            people.update(name for name in found_people if name)
            organisations.update(name for name in found_organisations if name)
        self._load_articles("url", "source_url", urls)
        self._load_articles("hash", "content_hash", hashes)
        self.article_slugs.load_for(headlines)
        for index, names in ((self.people, people), (self.organisations, organisations)):
            index.load(map(normalize_name, names))
            index.slugs.load_for(names)

    def _load_articles(self, kind, field, values):
        values = [value for value in values if (kind, value) not in self.articles]
        for chunk in _chunks(values):
            found = Article.objects.filter(**{f"{field}__in": chunk}).order_by("-pk")
            by_value = {getattr(article, field): article for article in found}  # lowest pk
            for value in chunk:
                self.articles[(kind, value)] = by_value.get(value)

    def existing_article(self, source_url, content_hash):
        """The article with this source URL or, failing that, this text (the oldest)."""
        if source_url:
            if ("url", source_url) not in self.articles:
                self._load_articles("url", "source_url", [source_url])
            if self.articles[("url", source_url)] is not None:
                return self.articles[("url", source_url)]
        if ("hash", content_hash) not in self.articles:
            self._load_articles("hash", "content_hash", [content_hash])
        return self.articles[("hash", content_hash)]

    def remember(self, article, previous_hash):
        """`article` was just written: later articles of the batch must find it."""
        if previous_hash and previous_hash != article.content_hash:
            self.articles.pop(("hash", previous_hash), None)  # another article may hold it
        if article.source_url:
            self.articles[("url", article.source_url)] = article
        if self.articles.get(("hash", article.content_hash)) is None:
            self.articles[("hash", article.content_hash)] = article


def _names(parsed, extraction):
    """Every person and organisation name (and alias) an article's import will look up."""
    people, organisations = [], []
    for found in (*parsed.authors, *parsed.people):
        people += [found.name, *found.aliases]
        organisations += [name for name, _role in found.affiliations]
    for found in parsed.organisations:
        organisations += [found.name, *found.aliases]
    for quote in parsed.quotes or ():
        people.append(quote.person)
        organisations.append(quote.organisation)
    if extraction is not None:
        for found in extraction.people:
            people += [found.name, *found.aliases]
            organisations.append(found.organisation or "")
        for found in extraction.organisations:
            organisations += [found.name, *found.aliases]
        for quote in extraction.quotes:
            if quote.speaker_type == "person":
                people.append(quote.speaker or "")
            elif quote.speaker_type == "organisation":
                organisations.append(quote.speaker or "")
    return people, organisations


# Words that name a kind of body, not one body: "the Commission" is the Securities and
# Exchange Commission in one story and the European Commission in the next, so such a word
# is never an organisation's alias, which would join every record it is given to.
_GENERIC_ORGANISATION_KEYS = lexicon.ORGANISATION_KINDS | lexicon.ORGANISATION_TYPES


class _Resolver:
    """Finds the Person or Organisation a name means, by name and alias, creating a record only
    when none matches, and remembering answers for the rest of the article.

    A new short form of a known record becomes its alias ("Kirby" for John Kirby), so the next
    article that says only "Kirby" finds the same person. For people, one-word forms are never
    used to *find* a fuller name (two Kirbys must stay two people); the exception is a record
    that so far has only the short name, which takes the full one when it turns up. And a
    person's one word means a fuller name only as its last word, the surname: a feature may
    call John Kirby "John", but the next article's "John" is anybody (`surnames_only`); a
    surname two known people share finds neither. No
    record takes a word for a kind of body as its alias (`generic_keys`): "the Commission" of
    one story is not the next one's.

    Lookups go through the batch's `_EntityIndex`; new aliases are written together by
    `save_aliases()` and the records they change are left in `changed` for re-indexing.
    """

    def __init__(self, index, min_alias_words, *, surnames_only=False, generic_keys=frozenset()):
        self.index = index
        self.min_alias_words = min_alias_words
        self.surnames_only = surnames_only
        self.generic_keys = generic_keys
        self.cache = {}
        self.new_aliases = []
        self.changed = set()

    def _match(self, name, slug=""):
        key = normalize_name(name)
        if slug:
            found = [record for record in self.index.named(key) if record.slug == slug]
            if found:
                return found[0]
        matches = self.index.matches(key)[:10]
        exact = [record for record in matches if record.name_key == key]
        if self.surnames_only and " " not in key:
            matches = [record for record in matches if self._is_surname(key, record.name_key)]
            if len(matches) > 1:
                matches = []  # "Williams", when Serena and Rowan Williams are both known
        return (exact or matches or [None])[0]

    @staticmethod
    def _is_surname(key, name_key):
        return name_key.rsplit(" ", 1)[-1] == key

    def get(self, name, *, aliases=(), description="", slug="", **extra):
        name = " ".join(name.split())
        key = normalize_name(name)
        if not key:
            return None
        aliases = [
            " ".join(a.split())
            for a in aliases
            if normalize_name(a) and normalize_name(a) not in self.generic_keys
        ]
        self.index.load([key, *map(normalize_name, aliases)])
        record = self.cache.get(key)
        if record is None:
            record = self._match(name, slug)
        for alias in aliases:
            if record is None and len(alias.split()) >= self.min_alias_words:
                record = self._match(alias)
        if record is None and len(name.split()) > 1:
            record = self._adopt_short_record(name, aliases)
        if record is None:
            record = self.index.model(name=name[:255], description=description[:255], **extra)
            _save_new(record, slug=self.index.slugs.free(name[:255], slug))
            self.index.add_created(record)
        elif description and not record.description:
            # Only the record's own document shows its description: an update() that skips
            # the signal's search for articles naming the record, and queue that document.
            record.description = description[:255]
            record.updated_at = timezone.now()
            self.index.model.objects.filter(pk=record.pk).update(
                description=record.description, updated_at=record.updated_at
            )
            self.changed.add(record.pk)
        self._add_aliases(record, [name, *aliases])
        return record

    def _adopt_short_record(self, name, aliases):
        name_key = normalize_name(name)
        for alias in aliases:
            key = normalize_name(alias)
            if self.surnames_only and not self._is_surname(key, name_key):
                continue
            short = self.index.named(key)
            if len(alias.split()) == 1 and len(short) == 1:
                record = short[0]
                old_key = record.name_key
                record.name = name[:255]
                record.save(update_fields=["name", "name_key", "updated_at"])
                self.index.renamed(record, old_key)
                return record
        return None

    def _add_aliases(self, record, names):
        known = {record.name_key, *self.index.alias_keys[record.pk]}
        for name in names:
            key = normalize_name(name)
            if key not in known:
                alias = self.index.alias_model(
                    name=name[:255],
                    name_key=normalize_name(name[:255]),
                    **{self.index.owner_field: record},
                )
                self.new_aliases.append(alias)
                self.index.add_alias(record.pk, alias.name_key)
                self.changed.add(record.pk)
                known |= {key, alias.name_key}
            self.cache[key] = record

    def save_aliases(self):
        self.index.alias_model.objects.bulk_create(self.new_aliases)
        self.new_aliases = []


def _save_new(record, *, slug):
    """Validate and insert a new Person or Organisation, filling first the keys that save()
    would derive, which full_clean() requires. Uniqueness is left to the database (`slug` is
    chosen free): Django's unique checks cost a query each."""
    record.name_key = normalize_name(record.name)
    record.slug = slug
    record.full_clean(validate_unique=False, validate_constraints=False)
    record.save()


class _ArticleEntities:
    """Links one article to its people, organisations and quotes, writing rows in bulk and
    queuing the article's index work once (`finish`).

    `created` says the article was inserted in this transaction, so it has no mentions or
    quotes to look for yet; `body_text` is its plain text."""

    def __init__(self, article, batch, *, created, body_text):
        self.article = article
        self.batch = batch
        self.created = created
        self.body_text = body_text
        self.people = _Resolver(batch.people, min_alias_words=2, surnames_only=True)
        self.organisations = _Resolver(
            batch.organisations, min_alias_words=1, generic_keys=_GENERIC_ORGANISATION_KEYS
        )
        self.affiliations = set()
        self.quote_ids = []
        # Mention rows this object inserted, by model and record pk: all a new article has.
        self.inserted_mentions = {PersonMention: {}, OrganisationMention: {}}

    def mention(self, people, organisations, *, extracted=False):
        """Record that the article names each of {record: count}, that many times.

        The source's mentions (tags, our own export) are kept from then on, even one that
        extraction found first. Extraction's (`extracted`) are its whole answer for the
        article: its earlier mentions of records it no longer finds are deleted, the source's
        and editors' stay. The delete sends post_delete, so the signal processor queues the
        documents that show a mention (the article's and its quotes')."""
        for model, owner, counts in [
            (PersonMention, "person", people),
            (OrganisationMention, "organisation", organisations),
        ]:
            counts = {record.pk: count for record, count in counts.items() if count > 0}
            if not counts and not extracted:
                continue
            inserted = self.inserted_mentions[model]
            existing = dict(inserted)
            if not self.created:
                rows = model.objects.filter(article=self.article)
                if not extracted:
                    rows = rows.filter(**{f"{owner}__in": list(counts)})
                existing = {getattr(row, f"{owner}_id"): row for row in rows}
            stale = [
                row.pk for pk, row in existing.items() if row.is_extracted and pk not in counts
            ]
            new, changed = [], []
            for pk, count in counts.items():
                row = existing.get(pk)
                if row is None:
                    new.append(
                        model(
                            article=self.article,
                            **{f"{owner}_id": pk},
                            count=count,
                            is_extracted=extracted,
                        )
                    )
                elif row.count != count or (row.is_extracted and not extracted):
                    row.count = count
                    row.is_extracted = row.is_extracted and extracted
                    changed.append(row)
            if stale:
                model.objects.filter(pk__in=stale).delete()
                for pk in [pk for pk, row in inserted.items() if row.pk in stale]:
                    del inserted[pk]
            model.objects.bulk_create(new)
            inserted.update((getattr(row, f"{owner}_id"), row) for row in new)
            model.objects.bulk_update(changed, ["count", "is_extracted"])

    def set_byline(self, authors):
        authors = list(dict.fromkeys(author for author in authors if author is not None))
        if self.created:  # nothing to replace; finish() queues the article's index work
            Article.byline.through.objects.bulk_create(
                Article.byline.through(article=self.article, person=author) for author in authors
            )
        else:
            self.article.byline.set(authors)

    def affiliate(self, person, organisation, role):
        if organisation is not None:
            self.affiliations.add((person.pk, organisation.pk, (role or "")[:255]))

    def _save_affiliations(self):
        batch = self.batch
        wanted = self.affiliations - batch.affiliations
        unknown = {person for person, _organisation, _role in wanted} - batch.affiliations_loaded
        for pks in _chunks(unknown):
            batch.affiliations |= set(
                Affiliation.objects.filter(person__in=pks).values_list(
                    "person_id", "organisation_id", "role"
                )
            )
        batch.affiliations_loaded |= unknown
        new = sorted(wanted - batch.affiliations)
        Affiliation.objects.bulk_create(
            Affiliation(person_id=person, organisation_id=organisation, role=role)
            for person, organisation, role in new
        )
        batch.affiliations |= set(new)
        return {person for person, _organisation, _role in new}

    def replace_quotes(self, quotes):
        """Delete the article's unconfirmed quotes and add `quotes` (Quote instances not yet
        saved), leaving out any that repeat a confirmed one: editors' work is never touched."""
        confirmed = []
        if not self.created:
            self.article.quotes.filter(is_confirmed=False).delete()
            confirmed = list(self.article.quotes.filter(is_confirmed=True))
        added = []
        for quote in quotes:
            if any(_same_quote(quote, kept) for kept in confirmed):
                continue
            quote.article = self.article
            if quote.start is None and quote.text:  # placed as Quote.save() places them
                quote.place(body_text=self.body_text, standfirst=self.article.standfirst)
            quote.full_clean(
                exclude=["article", "person", "organisation"],
                validate_unique=False,
                validate_constraints=False,  # the database's check constraints hold
            )
            added.append(quote)
        Quote.objects.bulk_create(added)
        self.quote_ids += [quote.pk for quote in added]
        return len(added)

    def finish(self):
        """Write the collected aliases and affiliations and queue the index work of
        everything written in bulk (bulk writes send no signals): the article and its quotes
        (which show its people and organisations), and the people and organisations whose
        aliases, description or affiliations changed."""
        self.people.save_aliases()
        self.organisations.save_aliases()
        affiliated = self._save_affiliations()
        if self.created:
            changes = [(self.article, UPDATE), *[((Quote, pk), UPDATE) for pk in self.quote_ids]]
        else:
            changes = [(self.article, UPDATE), *related_changes(self.article)]
        changes += [((Person, pk), UPDATE) for pk in self.people.changed | affiliated]
        changes += [((Organisation, pk), UPDATE) for pk in self.organisations.changed]
        search_queue.enqueue(changes)


def _same_quote(quote, kept):
    placed = quote.start is not None and kept.start is not None
    if placed and quote.in_standfirst == kept.in_standfirst:
        return quote.start < kept.end and kept.start < quote.end
    return quote.text == kept.text


def _apply_record_entities(entities, parsed):
    """Authors, people, organisations and quotes the source itself gives (tags, our own
    export). Organisations go first, so one named in a person's affiliation (by slug, in our
    export) gets its full record, kind and aliases included, not one made from its name."""
    organisations = {False: {}, True: {}}  # by whether extraction found the mention
    organisations_by_key = {}
    for found in parsed.organisations:
        organisation = entities.organisations.get(
            found.name,
            aliases=found.aliases,
            description=found.description,
            slug=found.slug,
            **({"kind": found.kind} if found.kind else {}),
        )
        counts = organisations[found.extracted]
        counts[organisation] = counts.get(organisation, 0) + found.mentions
        organisations_by_key[found.slug or found.name] = organisation

    def person_for(found):
        person = entities.people.get(
            found.name, aliases=found.aliases, description=found.description, slug=found.slug
        )
        if person is not None:  # an author's name may be empty
            for key, role in found.affiliations:
                organisation = organisations_by_key.get(key) or entities.organisations.get(key)
                entities.affiliate(person, organisation, role)
        return person

    if parsed.authors:
        entities.set_byline(person_for(found) for found in parsed.authors)
    people, by_key = {False: {}, True: {}}, {}
    for found in parsed.people:
        person = person_for(found)
        counts = people[found.extracted]
        counts[person] = counts.get(person, 0) + found.mentions
        by_key[found.slug or found.name] = person
    entities.mention(people[False], organisations[False])
    if people[True] or organisations[True]:  # our export: the article's machine-found ones
        entities.mention(people[True], organisations[True], extracted=True)
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
                in_standfirst=found.in_standfirst,
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
    mentions, affiliations and unconfirmed quotes. A quote only the standfirst has keeps its
    offsets into the standfirst, so the article page can mark it there."""
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
            entities.affiliate(person, entities.organisations.get(found.organisation), found.role)
    entities.mention(people, organisations, extracted=True)

    body_text = entities.body_text
    quotes = []
    for found in result.quotes:
        in_standfirst = found.start < offset
        if in_standfirst and found.text in body_text:  # the body repeats it: found there too
            continue
        shift = 0 if in_standfirst else offset
        speaker = found.speaker or ""
        person = organisation = None
        if speaker and found.speaker_type == "person":
            person = entities.people.get(speaker)
        elif speaker and found.speaker_type == "organisation":
            organisation = entities.organisations.get(speaker)
        quotes.append(
            Quote(
                text=found.text,
                in_standfirst=in_standfirst,
                start=found.start - shift,
                end=found.end - shift,
                person=person,
                organisation=organisation,
                speaker_description=speaker[:255] if found.speaker_type == "unnamed" else "",
                is_partial=found.partial,
                verb=(found.verb or "")[:50],
            )
        )
    return entities.replace_quotes(quotes)


def _extract_into(entities, result, extracted_from):
    """Extraction for `entities.article`, reusing `result` when it was computed from the
    article's current plain text (`extracted_from`), so offsets always line up."""
    article = entities.article
    text, offset = extraction_text(standfirst=article.standfirst, body_text=entities.body_text)
    if result is None or extracted_from != entities.body_text:
        known_people, known_organisations = [], []
        if not entities.created:
            known_people = list(article.people.values_list("name", flat=True))
            known_organisations = list(article.organisations.values_list("name", flat=True))
        result = run_extraction(
            text, known_people=known_people, known_organisations=known_organisations
        )
    return _apply_extraction(entities, result, offset)


def article_extract(*, article, result=None, extracted_from=None) -> int:
    """Find the article's quotes, people and organisations and record them; returns the number
    of quotes added. Unconfirmed machine quotes are replaced, confirmed ones never touched.

    `result` may come precomputed (the importer extracts in worker processes); it is used only
    when `extracted_from` is the article's current plain text, so offsets always line up."""
    with transaction.atomic(), search_queue.batched():
        entities = _ArticleEntities(
            article, ImportBatch(), created=False, body_text=article.body_text
        )
        found = _extract_into(entities, result, extracted_from)
        entities.finish()
    return found


def article_import(
    *,
    parsed,
    extract=True,
    extraction=None,
    extracted_from=None,
    body=None,
    body_text=None,
    dry_run=False,
    batch=None,
) -> ImportOutcome:
    """Write one parsed article: a new record, or an update of the one with the same source URL
    or, failing that, the same text (content_hash), so importing twice never duplicates.

    Extraction runs unless `extract` is false or the record carries its own quotes (our own
    export). An unchanged article is "skipped" and only extracted if it never was. With
    `dry_run` nothing is written: the outcome says what would happen.

    `body` and `body_text`, the sanitised body and its plain text, may come precomputed (the
    importer's workers compute them); a body `sanitize_html` returned (`CleanHTML`) is stored
    without cleaning it again, any other string is cleaned by `Article.save()`. `batch`, an
    `ImportBatch` shared by the articles written in one transaction, saves lookups; each
    article is still its own savepoint, so a failure undoes only that article."""
    headline = " ".join(parsed.headline.split())[:500]
    if body is None:
        body = sanitize_html(parsed.body_html)
        body_text = None
    if body_text is None:
        body_text = html_to_text(body)
    if not body_text.strip():
        raise ValidationError("The article has no text.")
    content_hash = Article.compute_content_hash(headline, body_text)
    batch = batch or ImportBatch()
    existing = batch.existing_article(parsed.source_url, content_hash)

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
        values["date_known"] = True
    elif existing is None:
        values["date_known"] = False  # published_at defaults to now, the import time
    if parsed.source_url and not (existing and existing.source_url):
        values["source_url"] = parsed.source_url
    if _another_copy(existing, parsed.source_url):
        # The same text at another address (a wire story several outlets ran): the record
        # stays the first outlet's, with its source, section and byline; the copy only fills
        # what the record lacks: a date too, when the record's is its import time.
        lacking = {field for field in values if not getattr(existing, field)}
        if "date_known" in lacking:
            lacking.add("published_at")
        values = {field: value for field, value in values.items() if field in lacking}
        if parsed.authors and existing.byline.exists():
            parsed = replace(parsed, authors=())
    if existing is None:
        action = "imported"
    elif (
        existing.content_hash == content_hash
        and all(getattr(existing, field) == value for field, value in values.items())
        and not _carries_other_links(existing, parsed)
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

    previous_hash = existing.content_hash if existing else ""
    try:
        with transaction.atomic(), search_queue.batched():
            outcome = _write_article(
                parsed=parsed,
                article=existing or Article(),
                action=action,
                values=values,
                body=body,
                body_text=body_text,
                extract=extract,
                extraction=extraction,
                extracted_from=extracted_from,
                batch=batch,
            )
    except BaseException:
        batch.forget()
        raise
    batch.remember(outcome.article, previous_hash)
    return outcome


def _carries_other_links(article, parsed):
    """Whether a record that carries its own quotes (our export) carries other quotes,
    mentions or authors than the article has: an editor may have confirmed a quote, added a
    person or corrected a byline in the file, and an unchanged story must not make that edit a
    skip. People and organisations are compared by slug, as the export writes them (a line
    an editor added with a name only differs from every stored one, and is applied); records
    carried with 0 mentions only travel with the line (speakers, employers)."""
    if parsed.quotes is None:
        return False
    carried_quotes = Counter(
        (q.text, q.in_standfirst, q.start, q.end, q.person, q.organisation,
         q.speaker_description[:255], q.partial, q.verb[:50], q.confirmed)
        for q in parsed.quotes
    )  # fmt: skip
    stored_quotes = Counter(
        (q.text, q.in_standfirst, q.start, q.end, q.person.slug if q.person else "",
         q.organisation.slug if q.organisation else "", q.speaker_description, q.is_partial,
         q.verb, q.is_confirmed)
        for q in article.quotes.select_related("person", "organisation")
    )  # fmt: skip
    return (
        carried_quotes != stored_quotes
        or _carried_mentions(parsed.people)
        != _stored_mentions(article.person_mentions.select_related("person"), "person")
        or _carried_mentions(parsed.organisations)
        != _stored_mentions(
            article.organisation_mentions.select_related("organisation"), "organisation"
        )
        or Counter(author.slug or author.name for author in parsed.authors)
        != Counter(person.slug for person in article.byline.all())
    )


def _carried_mentions(found_records):
    return Counter(
        (found.slug or found.name, found.mentions, found.extracted)
        for found in found_records
        if found.mentions > 0
    )


def _stored_mentions(mentions, owner):
    return Counter(
        (getattr(mention, owner).slug, mention.count, mention.is_extracted) for mention in mentions
    )


def _another_copy(existing, source_url):
    """Whether `existing`, found by its text, is another outlet's copy of the story at
    `source_url`: both have addresses, and they differ."""
    return bool(
        existing and existing.source_url and source_url and existing.source_url != source_url
    )


def _write_article(
    *, parsed, article, action, values, body, body_text, extract, extraction, extracted_from, batch
):
    created = article.pk is None
    if action == "skipped":
        found = 0
        never_extracted = not (article.quotes.exists() or article.person_mentions.exists())
        if extract and parsed.quotes is None and never_extracted:
            entities = _ArticleEntities(article, batch, created=False, body_text=body_text)
            found = _extract_into(entities, extraction, extracted_from)
            entities.finish()
        return ImportOutcome(action, article, found)
    for field, value in values.items():
        setattr(article, field, value)
    article.body = body
    if not article.slug:
        article.slug = batch.article_slugs.free(values["headline"], parsed.slug)
    # Unique fields are guarded by the database's constraints (the slug is chosen free, the
    # URL was looked up); Django's own checks would cost a query each.
    article.full_clean(validate_unique=False, validate_constraints=False)
    article.save()

    entities = _ArticleEntities(article, batch, created=created, body_text=body_text)
    found = _apply_record_entities(entities, parsed)
    if found is None:
        found = 0
        if extract:
            found = _extract_into(entities, extraction, extracted_from)
    entities.finish()
    return ImportOutcome(action, article, found)
