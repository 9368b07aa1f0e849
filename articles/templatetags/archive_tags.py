"""Template helpers for the browse pages: schema.org JSON-LD, absolute URLs for canonical and
Open Graph tags, and the monthly SVG chart."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CHART_MONTHS = 60
CHART_HEIGHT = 100
CHART_SLOT = 18  # horizontal room per month: two bars and a gap

# As django.utils.html.json_script does: JSON cannot then close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path) -> str:
    """`path` made absolute against the current request (for canonical and og:url)."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article) -> SafeString:
    """schema.org NewsArticle as a JSON-LD <script>: data, escaped so that no headline or
    name can end the element early and run as script."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": article.language,
        "wordCount": article.word_count,
        "author": [
            {
                "@type": "Person",
                "name": person.name,
                "url": request.build_absolute_uri(person.get_absolute_url()),
            }
            for person in article.byline.all()
        ],  # fmt: skip
        "mentions": [
            {"@type": "Person", "name": mention.person.name}
            for mention in article.person_mentions.all()
        ]
        + [
            {"@type": "Organization", "name": mention.organisation.name}
            for mention in article.organisation_mentions.all()
        ],
    }
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
    if article.source_url:
        data["isBasedOn"] = article.source_url
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above


@register.inclusion_tag("includes/monthly_chart.html")
def monthly_chart(mentions, quotes, label):
    """Bars of articles and quotes per month, from `counts_by("month")` rows, every month
    between the first and the last shown (empty months too, so gaps read as gaps)."""
    by_month: dict[tuple[int, int], dict] = {}
    for series, rows in (("articles", mentions), ("quotes", quotes)):
        for row in rows:
            key = (row["period"].year, row["period"].month)
            by_month.setdefault(key, {"articles": 0, "quotes": 0})[series] = row["count"]
    if not by_month:
        return {"months": [], "label": label}
    last = max(by_month)
    # At least a year of months, so one busy month reads against the quiet ones around it.
    year, month = min(min(by_month), (last[0] - 1, last[1] + 1) if last[1] < 12 else (last[0], 1))
    keys = []
    while (year, month) <= last:
        keys.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    truncated = len(keys) > CHART_MONTHS
    keys = keys[-CHART_MONTHS:]
    peak = max(max(counts.values()) for counts in by_month.values()) or 1
    months = []
    for index, (year, month) in enumerate(keys):
        counts = by_month.get((year, month), {"articles": 0, "quotes": 0})
        x = index * CHART_SLOT
        months.append(
            {
                "year": year,
                "month": month,
                "articles": counts["articles"],
                "quotes": counts["quotes"],
                "article_bar": _bar(x + 2, counts["articles"], peak),
                "quote_bar": _bar(x + 9, counts["quotes"], peak),
                "label_x": x + 9,
                # The first month's year too, unless January is the very next bar: the
                # two labels would overlap ("20252026").
                "show_label": month == 1 or (index == 0 and month < 12),
            }
        )
    return {
        "months": months,
        "label": label,
        "truncated": truncated,
        "chart_months": CHART_MONTHS,
        "width": len(keys) * CHART_SLOT,
        "height": CHART_HEIGHT,
        "total_articles": sum(m["articles"] for m in months),
        "total_quotes": sum(m["quotes"] for m in months),
    }


def _bar(x, count, peak):
    height = round(count / peak * (CHART_HEIGHT - 10), 1) if count else 0
    return {"x": x, "y": CHART_HEIGHT - height, "height": height}
