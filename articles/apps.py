from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "News archive"

    def ready(self):
        from .permissions import sync_editors_group

        # After auth's own post_migrate handler has created the permissions.
        post_migrate.connect(sync_editors_group, sender=self)
