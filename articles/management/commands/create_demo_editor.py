"""Create (or reset) the demo editor account, so a new user can try the admin at once.

The account is a staff user in the Editors group, never a superuser: what a demo visitor can
do is exactly what an editor can do.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = "Create or reset the demo editor account and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEMO_USERNAME)
        parser.add_argument(
            "--password",
            default=None,
            help="Required unless DJANGO_DEBUG is on (the demo password is public).",
        )

    def handle(self, *args, username: str, password: str | None, **options):
        if password is None:
            if not settings.DEBUG:
                raise CommandError("Give --password: the demo password is only for DEBUG mode.")
            password = DEMO_PASSWORD
        try:
            editors = Group.objects.get(name="Editors")
        except Group.DoesNotExist as error:
            raise CommandError("No Editors group: run `manage.py migrate` first.") from error
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(editors)
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the editor account. Log in at /admin/ as "
                f"username: {username}  password: {password}"
            )
        )
