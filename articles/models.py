"""The archive's data: articles, the people and organisations they mention, and quotes.

Integrity lives in the database (unique and check constraints), not only in forms, because
articles arrive through the admin, importers and extraction alike.
"""

import hashlib
import re
from collections import defaultdict
from datetime import timedelta

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr, Trunc, Upper
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .text import count_words, html_to_text, sanitize_html


def normalize_name(name: str) -> str:
    """The key under which two spellings of a name count as the same ("J. Kirby" ≠ "Kirby",
    but "John  Kirby" = "john kirby")."""
    return re.sub(r"[\W_]+", " ", name.casefold()).strip()


def slug_base(value: str, *, max_length: int = 200) -> str:
    """The slug `value` gets when no other row has it yet. Letters of every script are kept
    ("владимир-зеленский", "東京五輪"): an archive of the world's news must not give a
    Cyrillic or Chinese headline a slug of "item-57"."""
    return slugify(value, allow_unicode=True)[:max_length].strip("-") or "item"


def unique_slug(model, value: str, *, max_length: int = 200, exclude_pk=None) -> str:
    """A slug for `value` not yet used by another `model` row (suffixing -2, -3, ...)."""
    base = slug_base(value, max_length=max_length)
    slug, n = base, 2
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


# Names shorter than this (spaces aside), mostly single words, differ by a letter from too
# many others ("Dunn", "Dunne"; "Lloyd", "Floyd") for a one-letter difference to suggest one
# record.
_SLIP_MIN_LETTERS = 6


# Words a name may be written with or without: "Securities (and) Exchange Commission".
_CONNECTIVES = frozenset({"and", "of", "the", "for"})


def _own_forms(key: str):
    """A name key, the key without its initials ("troy smith" for "troy l smith") and the key
    without its connectives ("securities exchange commission")."""
    yield key
    words = key.split()
    for kept in (
        [word for word in words if len(word) > 1],
        [word for word in words if word not in _CONNECTIVES],
    ):
        if 2 <= len(kept) < len(words):
            yield " ".join(kept)


def _initialled_form(key: str):
    """The key with its first name cut to an initial ("j kirby" for "john kirby")."""
    words = key.split()
    if len(words) >= 2 and len(words[0]) > 1:
        yield " ".join([words[0][0], *words[1:]])


def _less_one_letter(key: str):
    """The key less any one of its letters: two spellings a slip or a transliteration apart
    ("zelensky", "zelenskyy"; "gaddafi", "gadaffi") share one of these, or one is the other."""
    if len(key.replace(" ", "")) >= _SLIP_MIN_LETTERS:
        for position, letter in enumerate(key):
            if letter != " ":
                yield key[:position] + key[position + 1 :]


def _near_twins(keys: dict, *, given_names: bool) -> set:
    """The pks of `keys` ({pk: name key}) whose name another's nearly is: the same but for
    initials, a letter apart in a name of six letters or more, and with `given_names` (a
    person's name opens with one) the same but for a given name cut to its initial. An
    organisation's first word is no given name: "N Bank" is not "Nevada Bank"."""
    by_own_form, by_shortened = defaultdict(set), defaultdict(set)
    for pk, key in keys.items():
        for form in _own_forms(key):
            by_own_form[form].add(pk)
        for form in _less_one_letter(key):
            by_shortened[form].add(pk)
    twins = set()
    for pk, key in keys.items():
        forms = {*_own_forms(key), *_less_one_letter(key)}
        if given_names:
            forms.update(_initialled_form(key))
        others = set().union(*(by_own_form.get(form, ()) for form in forms)) - {pk}
        if others:
            twins |= others | {pk}
    for pks in by_shortened.values():
        if len(pks) > 1:
            twins |= pks
    return twins


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class NamedEntityQuerySet(models.QuerySet):
    def matching_name(self, name: str):
        """Rows whose name or one of whose aliases is `name`, however it is cased or spaced."""
        key = normalize_name(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def possible_duplicates(self):
        """Rows whose name another record's nearly is (`_near_twins`): "George W Bush" and
        "George Bush", "Zelensky" and "Zelenskyy", or that share an alias with another
        ("SEC"). Import keeps them apart, since "Jon Smith"
        and "John Smith" may well be two people, and leaves the call to an editor, who merges
        them."""
        keys = dict(self.model._default_manager.values_list("pk", "name_key"))
        twins = _near_twins(keys, given_names=self.model is Person)
        return self.filter(Q(pk__in=twins) | Q(pk__in=self._sharing_an_alias()))

    def _sharing_an_alias(self):
        """The pks of rows that share an alias with another row ("SEC" on two records): for
        people, an alias of two words or more, since two people may share a surname."""
        relation = self.model._meta.get_field("aliases")
        owner = relation.field.name
        aliases = relation.related_model.objects.all()
        if self.model is Person:
            aliases = aliases.filter(name_key__contains=" ")
        shared = (
            aliases.values("name_key")
            .annotate(owners=Count(owner, distinct=True))
            .filter(owners__gt=1)
            .values("name_key")
        )
        return aliases.filter(name_key__in=shared).values(owner)

    def _mention_count(self, since=None):
        """Published articles naming each row (since `since`), as a correlated subquery so
        it combines with other counts without multiplying joins."""
        relation = self.model._meta.get_field("mentions")
        owner = relation.field.name
        mentions = relation.related_model.objects.filter(
            **{owner: OuterRef("pk")}, article__published_at__lte=timezone.now()
        )
        if since is not None:
            mentions = mentions.filter(article__published_at__gte=since)
        counted = mentions.order_by().values(owner).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    def _quote_count(self, since=None):
        """Quotes by each row in published articles (since `since`)."""
        owner = self.model._meta.get_field("quotes").field.name
        quotes = Quote.objects.filter(
            **{owner: OuterRef("pk")}, article__published_at__lte=timezone.now()
        )
        if since is not None:
            quotes = quotes.filter(article__published_at__gte=since)
        counted = quotes.order_by().values(owner).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    def alphabetical(self):
        """In name order, each row with its `initial` (upper case) for an A-Z index."""
        return self.annotate(initial=Upper(Substr("name", 1, 1))).order_by("name")

    def initials(self) -> list[str]:
        """The distinct upper-case first letters of the names, sorted: an A-Z's letters."""
        letters = self.alphabetical().order_by().values_list("initial", flat=True).distinct()
        return sorted(letters)

    def with_counts(self):
        """`article_count` and `quote_count` over published articles, for indexes."""
        return self.annotate(article_count=self._mention_count(), quote_count=self._quote_count())

    def most_quoted(self, since=None):
        """Rows with quotes in articles published since `since`, most quoted first."""
        return (
            self.annotate(quote_count=self._quote_count(since))
            .filter(quote_count__gt=0)
            .order_by("-quote_count", "name")
        )

    def most_mentioned(self, since=None):
        """Rows named in articles published since `since`, in most articles first."""
        return (
            self.annotate(article_count=self._mention_count(since))
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")
        )

    def co_mentioned_with(self, entity):
        """Rows named in the same published articles as `entity` (a Person or an
        Organisation), with `shared_count`, the number of those articles, most first."""
        shared = Article.objects.published().mentioning(entity).values("pk")
        rows = self.filter(mentions__article__in=shared)
        if isinstance(entity, self.model):
            rows = rows.exclude(pk=entity.pk)
        return rows.annotate(shared_count=Count("mentions")).order_by("-shared_count", "name")


class Organisation(TimestampedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        COMPANY = "company", "Company"
        NGO = "ngo", "NGO or charity"
        MEDIA = "media", "Media"
        INTERNATIONAL = "international", "International body"
        PARTY = "party", "Political party"
        MILITARY = "military", "Military"
        EDUCATION = "education", "University or research"
        SPORT = "sport", "Sports body or club"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255, help_text="The full, usual name.")
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True, help_text="One or two lines for readers.")

    objects = NamedEntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:organisation-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Person(TimestampedModel):
    name = models.CharField(max_length=255, help_text="Full name as usually written.")
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text='Short role for readers, e.g. "Chairman of the Joint Chiefs of Staff".',
    )
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="members", blank=True
    )

    objects = NamedEntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:person-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class AliasBase(models.Model):
    name = models.CharField(max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)


class PersonAlias(AliasBase):
    """Another spelling or short form under which a person appears ("Kirby")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="person_alias_unique")
        ]


class OrganisationAlias(AliasBase):
    """Another name or acronym of an organisation ("NSC")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "organisation aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name_key"], name="organisation_alias_unique"
            )
        ]


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(max_length=255, blank=True, help_text='e.g. "Spokesperson".')

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="affiliation_unique"
            )
        ]

    def __str__(self):
        role = f", {self.role}" if self.role else ""
        return f"{self.person} ({self.organisation}{role})"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())

    def dated(self):
        """Articles whose date their source stated (or an editor set): what pages by date,
        and counts by date, are made of. An undated article carries its import time."""
        return self.filter(date_known=True)

    def with_related(self):
        """What a list of articles shows, fetched in a fixed number of queries."""
        return self.prefetch_related("byline", "people", "organisations")

    def mentioning(self, entity):
        """Articles that name `entity`, a Person or an Organisation."""
        if isinstance(entity, Person):
            return self.filter(people=entity)
        return self.filter(organisations=entity)

    def window_start(self, *, days: int):
        """The moment `days` before the newest article: "the last 30 days" of a historical
        archive means its own last 30 days, not the calendar's. None when empty."""
        newest = self.order_by("-published_at").values_list("published_at", flat=True).first()
        return None if newest is None else newest - timedelta(days=days)

    def counts_by(self, kind: str):
        """How many articles per `kind` ("year", "month", "day") in the current time zone,
        oldest first, as dicts with `period` and `count`."""
        return (
            self.prefetch_related(None)
            .annotate(period=Trunc("published_at", kind))
            .order_by("period")
            .values("period")
            .annotate(count=Count("pk"))
        )


class Article(TimestampedModel):
    headline = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    standfirst = models.TextField(blank=True, help_text="The summary line under the headline.")
    body = models.TextField(
        help_text="Article HTML. It is sanitised on save: scripts, styles and frames are removed."
    )
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    date_known = models.BooleanField(
        default=True,
        help_text=(
            "Unticked when the source stated no date: the date above is then when the article "
            "was imported, and date pages, date facets and date searches leave it out. Setting "
            "the date ticks it."
        ),
    )
    byline = models.ManyToManyField(
        Person, related_name="bylined_articles", blank=True, help_text="The authors."
    )
    source = models.CharField(
        max_length=200, blank=True, db_index=True, help_text="Publication name."
    )
    source_url = models.URLField(
        "canonical source URL", max_length=2000, blank=True, help_text="The original's address."
    )
    section = models.CharField(max_length=100, blank=True, db_index=True)
    language = models.CharField(max_length=16, default="en", help_text="An IETF tag, e.g. en.")
    word_count = models.PositiveIntegerField(default=0, editable=False)
    content_hash = models.CharField(
        max_length=64,
        editable=False,
        db_index=True,
        help_text="SHA-256 of the normalised headline and text: finds re-imports of one story.",
    )
    people = models.ManyToManyField(
        Person, through="PersonMention", related_name="articles", blank=True
    )
    organisations = models.ManyToManyField(
        Organisation, through="OrganisationMention", related_name="articles", blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Newest first, and undated articles after every dated one: their `published_at` is
        # when they were imported, so a folder of undated texts would otherwise head every
        # list of "latest" articles with stories of no known day.
        ordering = ["-date_known", "-published_at", "-pk"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(
                fields=["source_url"],
                condition=~Q(source_url=""),
                name="article_source_url_unique",
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_empty"),
        ]
        indexes = [
            models.Index(
                fields=["-date_known", "-published_at", "-id"], name="article_latest_idx"
            ),
            models.Index(fields=["section", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Sanitise the body on every save path and keep the derived fields in step.

        A body that is `CleanHTML` (what `sanitize_html` returned, e.g. cleaned by the
        importer's workers) is stored as it is; any other string, including a CleanHTML
        edited since, is cleaned here."""
        self.body = sanitize_html(self.body)
        text = self.body_text
        self.word_count = count_words(text)
        self.content_hash = self.compute_content_hash(self.headline, text)
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    @property
    def body_text(self) -> str:
        """The body as plain text; Quote.start/end index into this."""
        return html_to_text(self.body)

    @staticmethod
    def compute_content_hash(headline: str, text: str) -> str:
        normalised = " ".join(f"{headline}\n{text}".casefold().split())
        return hashlib.sha256(normalised.encode()).hexdigest()


@receiver(pre_save, sender=Article)
def sanitize_raw_article_body(sender, instance, raw, **kwargs):
    """`loaddata` (fixtures, restores from `dumpdata`) saves with raw=True and never calls
    Article.save(): sanitise the body on that path too, so every stored body is safe to show
    as it is."""
    if raw:
        instance.body = sanitize_html(instance.body)


# Mentions remember whether extraction found them, so that extracting again (after the text
# changed) can drop the ones the new text no longer names, and only those: a mention from the
# source's own tags or from an editor stays whatever extraction finds.
MENTION_EXTRACTED_HELP = (
    "Found by quote and name extraction: extracting again replaces it. Untick to keep the "
    "mention whatever extraction finds."
)


class PersonMention(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    count = models.PositiveIntegerField(default=1, help_text="Times named in the article.")
    is_extracted = models.BooleanField(
        "found by extraction", default=False, help_text=MENTION_EXTRACTED_HELP
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="person_mention_unique")
        ]

    def __str__(self):
        return f"{self.person} in {self.article}"


class OrganisationMention(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="organisation_mentions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mentions"
    )
    count = models.PositiveIntegerField(default=1, help_text="Times named in the article.")
    is_extracted = models.BooleanField(
        "found by extraction", default=False, help_text=MENTION_EXTRACTED_HELP
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organisation"], name="organisation_mention_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} in {self.article}"


class QuoteQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("article", "person", "organisation")

    def confirmed(self):
        return self.filter(is_confirmed=True)

    def published(self):
        return self.filter(article__published_at__lte=timezone.now())

    def by(self, speaker):
        """Quotes attributed to `speaker`, a Person or an Organisation."""
        if isinstance(speaker, Person):
            return self.filter(person=speaker)
        return self.filter(organisation=speaker)

    def newest_first(self):
        """In their articles' order (`Article.Meta.ordering`: undated articles last), each
        article's quotes in reading order."""
        return self.order_by(
            "-article__date_known", "-article__published_at", "-article_id", "start", "pk"
        )

    def counts_by(self, kind: str):
        """Quotes per `kind` of their article's publication date, like
        `ArticleQuerySet.counts_by`."""
        return (
            self.annotate(period=Trunc("article__published_at", kind))
            .order_by("period")
            .values("period")
            .annotate(count=Count("pk"))
        )


class Quote(TimestampedModel):
    """Words someone said, as quoted in one article."""

    text = models.TextField("quoted words")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The speaker, when a named person.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text='The speaker, when an organisation ("G7 leaders said in a statement").',
    )
    speaker_description = models.CharField(
        max_length=255,
        blank=True,
        help_text='For unnamed sources: how the article describes them ("a former US diplomat").',
    )
    in_standfirst = models.BooleanField(
        "in the standfirst",
        default=False,
        help_text="The words are in the standfirst, not in the article's text.",
    )
    start = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Where the words start in the article's plain text (or in the standfirst).",
    )
    end = models.PositiveIntegerField(null=True, blank=True)
    is_partial = models.BooleanField(
        "partial quote", default=False, help_text="A fragment quoted inside a sentence."
    )
    verb = models.CharField(
        "attribution verb", max_length=50, blank=True, help_text='e.g. "said", "told".'
    )
    is_confirmed = models.BooleanField(
        "confirmed by an editor",
        default=False,
        help_text="Machine-found quotes arrive unconfirmed; re-extraction never touches "
        "confirmed ones.",
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "-in_standfirst", "start", "pk"]  # in reading order
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_empty"),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(organisation__isnull=True),
                name="quote_single_speaker",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(start__lte=models.F("end")),
                name="quote_offsets_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="quote_person_idx"),
            models.Index(fields=["organisation", "-created_at"], name="quote_organisation_idx"),
        ]

    def __str__(self):
        words = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        return f"“{words}” — {self.speaker_name}"

    def save(self, *args, **kwargs):
        """Place a quote typed in by an editor: find its words in the article's text."""
        if self.start is None and self.text and self.article_id:
            self.place(body_text=self.article.body_text, standfirst=self.article.standfirst)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"

    def place(self, *, body_text: str, standfirst: str):
        """Set the offsets of the first occurrence of the words in the article's plain text
        or, failing that, in its standfirst (looked at first when `in_standfirst` is already
        ticked); a quote found in neither stays without offsets."""
        places = [(False, body_text), (True, standfirst)]
        for in_standfirst, text in sorted(places, key=lambda place: place[0] != self.in_standfirst):
            position = text.find(self.text)
            if position >= 0:
                self.in_standfirst = in_standfirst
                self.start, self.end = position, position + len(self.text)
                return

    @property
    def speaker(self):
        return self.person or self.organisation

    @property
    def speaker_name(self) -> str:
        if self.speaker is not None:
            return str(self.speaker)
        return self.speaker_description or "unnamed source"


class SearchIndexTask(models.Model):
    """A pending change to the search index, written in the same transaction as the change
    to the data, so no index update is lost when the index is busy or the process dies."""

    class Action(models.TextChoices):
        UPDATE = "update", "Update"
        DELETE = "delete", "Delete"

    model_label = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.action} {self.model_label}:{self.object_pk}"
