"""Record which mentions extraction found, so extracting again can replace those and keep the
rest. Nothing records where the mentions already stored came from, so they are kept as if an
editor had added them: nothing is lost, and a stale one is deleted in the article's admin."""

from django.db import migrations, models

HELP = (
    "Found by quote and name extraction: extracting again replaces it. Untick to keep the "
    "mention whatever extraction finds."
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editors_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisationmention",
            name="is_extracted",
            field=models.BooleanField(
                default=False, help_text=HELP, verbose_name="found by extraction"
            ),
        ),
        migrations.AddField(
            model_name="personmention",
            name="is_extracted",
            field=models.BooleanField(
                default=False, help_text=HELP, verbose_name="found by extraction"
            ),
        ),
    ]
