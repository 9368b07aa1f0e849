"""Writes that span several models. Admin actions, commands and tests call these; views never
write. Each is one transaction, so a failure leaves nothing half-done."""

from django.db import transaction
from django.db.models import F

from .models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    normalize_name,
)


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
