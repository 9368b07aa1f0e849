"""The Editors group: who may change the archive's content, and nothing else.

Kept in step on every `migrate` (post_migrate), so a model added later joins the group's
permissions without a hand-written migration, and a database flushed between tests gets the
group back. The data migration 0002 calls the same function so the group exists from the start.
"""

from django.apps import apps as global_apps

EDITORS_GROUP = "Editors"
EDITED_MODELS = [
    "article",
    "person",
    "personalias",
    "organisation",
    "organisationalias",
    "affiliation",
    "personmention",
    "organisationmention",
    "quote",
]
ACTIONS = ["add", "change", "delete", "view"]


def ensure_editors_group(apps=global_apps):
    """Create the Editors group if missing and give it exactly the content permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in EDITED_MODELS for action in ACTIONS]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return group


def sync_editors_group(sender, **kwargs):
    """post_migrate receiver (permissions for new models exist by then)."""
    ensure_editors_group(kwargs.get("apps") or global_apps)
