"""Let a quote's offsets index the standfirst, for quotes found there and not in the article's
text, so the article page marks them too. Quotes stored without offsets whose words are in the
standfirst (how extraction stored them until now) are placed there."""

from django.db import migrations, models


def place_standfirst_quotes(apps, schema_editor):
    Quote = apps.get_model("articles", "Quote")
    placed = []
    unplaced = Quote.objects.filter(start__isnull=True).select_related("article")
    for quote in unplaced.iterator(chunk_size=500):
        position = quote.article.standfirst.find(quote.text)
        if position >= 0:
            quote.in_standfirst = True
            quote.start, quote.end = position, position + len(quote.text)
            placed.append(quote)
    Quote.objects.bulk_update(placed, ["in_standfirst", "start", "end"], batch_size=500)


def unplace_standfirst_quotes(apps, schema_editor):
    Quote = apps.get_model("articles", "Quote")
    Quote.objects.filter(in_standfirst=True).update(start=None, end=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_mention_is_extracted"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="quote",
            options={"ordering": ["article", "-in_standfirst", "start", "pk"]},
        ),
        migrations.AddField(
            model_name="quote",
            name="in_standfirst",
            field=models.BooleanField(
                default=False,
                help_text="The words are in the standfirst, not in the article's text.",
                verbose_name="in the standfirst",
            ),
        ),
        migrations.AlterField(
            model_name="quote",
            name="start",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Where the words start in the article's plain text (or in the standfirst).",
                null=True,
            ),
        ),
        migrations.RunPython(place_standfirst_quotes, unplace_standfirst_quotes),
    ]
