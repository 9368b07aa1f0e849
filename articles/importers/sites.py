"""A news site's own name, told apart from a headline or a byline, and the news agencies whose
stories sites publish.

Pages and feeds name their site in many places: a stated site name (often with a tagline:
"LinkNaija | Nigeria's popular news platform"), the end or start of a title ("Headline |
Site"), the page's address ("courier.example.org"), a publisher in the page's microdata. The
headline is the title without the site's name, and a byline part naming the site is no
person; both compare names by their letters alone (`name_key`), against every name the site
goes by (`site_keys`). A story a site publishes as a news agency wrote it ("ZAGREB, Croatia
(AP) —") is the agency's (`news_agency`).
"""

import re
from html import unescape

# The page's <title> as written, which trafilatura reads only when no other title is given.
_TITLE = re.compile(rb"<(?:title|TITLE)\b[^>]*>([^<]{1,1000})</(?:title|TITLE)>")

# What sets a site's name apart from the headline in a title: "Headline | Site", "Headline -
# Site", "Headline – Site", "Site: Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»~/]{1,2}\s+|(?<=\w):\s+")

# Address labels that name no site: "news.example.org" is not a site called "News".
_ADDRESS_WORDS = frozenset({"com", "co", "org", "net", "gov", "ac", "news", "blog", "amp", "m"})

_SITE_NAME_WORDS = 5  # "Headline | The Lanternport Evening Courier", and no longer

# What sets a tagline or a list of sections after a site's name: "LinkNaija | Nigeria's
# popular news platform", "Autoracing | F1 | Indy |".
_SITE_NAME_TAGLINE = re.compile(r"\s+(?:[|–—·•»]|-)(?:\s+|$)")


# News agencies, whose stories other sites publish as the agency wrote them: the name the
# archive files such a story under, and the names pages give the agency ("AP", "The Associated
# Press", "Agence France-Presse"), as `name_key` writes them.
_NEWS_AGENCIES = {
    "Associated Press": ("ap", "associatedpress"),
    "Reuters": ("reuters", "thomsonreuters"),
    "AFP": ("afp", "agencefrancepresse"),
    "PA Media": ("pa", "pamedia", "pressassociation"),
    "Bloomberg": ("bloomberg", "bloombergnews"),
    "dpa": ("dpa", "deutschepresseagentur"),
    "EFE": ("efe", "agenciaefe"),
    "ANSA": ("ansa",),
    "Kyodo News": ("kyodo", "kyodonews"),
    "Xinhua": ("xinhua", "xinhuanewsagency"),
    "The Canadian Press": ("cp", "canadianpress"),
    "Australian Associated Press": ("aap", "australianassociatedpress"),
    "United Press International": ("upi", "unitedpressinternational"),
    "Press Trust of India": ("pti", "presstrustofindia"),
    "Indo-Asian News Service": ("ians", "indoasiannewsservice"),
    "Asian News International": ("ani", "asiannewsinternational"),
    "News Agency of Nigeria": ("nan", "newsagencyofnigeria"),
    "African News Agency": ("africannewsagency",),  # "ANA" is also a name: "Lopez, Ana"
    "Ghana News Agency": ("gna", "ghananewsagency"),
    "Kenya News Agency": ("kna", "kenyanewsagency"),
    "Yonhap": ("yonhap", "yonhapnewsagency"),
    "Anadolu Agency": ("anadolu", "anadoluagency"),
}
_AGENCY_BY_KEY = {key: agency for agency, keys in _NEWS_AGENCIES.items() for key in keys}

# The publisher a page names in its microdata (schema.org's itemprop="publisher", with its
# "name" inside), as pages write it: trafilatura reads a publisher from JSON-LD alone.
_MICRODATA_PUBLISHER = re.compile(
    rb"""itemprop\s*=\s*["']publisher["'][^>]*>.{0,800}?itemprop\s*=\s*["']name["']"""
    rb"""[^>]*?(?:\bcontent\s*=\s*["']([^"'<>]{1,100})["'][^>]*>|>([^<>]{1,100})<)""",
    re.DOTALL,
)


def name_key(text: str) -> str:
    """A name as its letters and digits, without a leading "The": "The Anti-June Cleaver"
    and "Anti-June Cleaver", "9to5Mac" and "9To5Mac" are one name each."""
    text = re.sub(r"^the\s+", "", text.strip().casefold())
    return "".join(ch for ch in text if ch.isalnum())


def site_keys(sitename: str | None, hostname: str | None) -> set[str]:
    """The site's name and the names in its address ("www.inexhibit.com": "inexhibitcom",
    "inexhibit"), as `name_key` writes them."""
    labels = [label for label in (hostname or "").casefold().split(".") if label != "www"]
    names = [sitename or "", site_name_alone(sitename or ""), ".".join(labels), *labels[:-1]]
    return {key for key in map(name_key, names) if key and key not in _ADDRESS_WORDS}


def site_name_alone(sitename: str) -> str:
    """A site's name without the tagline or sections it may state after it ("LinkNaija |
    Nigeria's popular news platform")."""
    return _SITE_NAME_TAGLINE.split(sitename, maxsplit=1)[0].strip()


def without_site_name(title: str, sitename: str | None, hostname: str | None) -> str:
    """The headline of a title that also names the site: "Headline | Site", "Headline -
    Site.com", "Site: Headline". Trafilatura splits only a <title> it falls back on, not an
    og:title or JSON-LD headline, which many CMSs (WordPress SEO plugins among them) write the
    same way. A part naming anything else stays ("Kyiv | World news"), and so does a title
    that would be left with a single word."""
    keys = site_keys(sitename, hostname)
    if not keys:
        return title
    for separator in _TITLE_SEPARATOR.finditer(title):  # the longest suffix naming the site
        if name_key(title[separator.end() :]) in keys:
            title = _longer_than_a_word(title[: separator.start()], title)
            break
    for separator in reversed(list(_TITLE_SEPARATOR.finditer(title))):  # the longest prefix
        if name_key(title[: separator.start()]) in keys:
            title = _longer_than_a_word(title[separator.end() :], title)
            break
    return title


def title_part(title: str, text: str) -> str:
    """The part of a title ("Valley Herald - Farmers protest new water charges") between its
    separators that `text` repeats word for word, or "": the headline of a title that also
    names a site, whose name nothing else may give (no site name, no address)."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return ""
    return next((part.strip() for part in parts if part.split() == text.split()), "")


def _is_subsequence(letters: str, text: str) -> bool:
    rest = iter(text)
    return all(letter in rest for letter in letters)


def _names_address(name: str, hostname: str) -> bool:
    """Whether a name is the site's as its address spells it, loosely: one of the address's
    labels, letter by letter, from the start of one of its words ("Lanternport Courier" on
    courier.example.org, "Live Science" on livescience.com, "Wall Street Journal" on wsj.com).
    """
    labels = hostname.casefold().split(".")[:-1]
    labels = {"".join(filter(str.isalnum, label)) for label in labels} - _ADDRESS_WORDS
    words = name.casefold().split()
    starts = ["".join(filter(str.isalnum, " ".join(words[i:]))) for i in range(len(words))]
    return any(
        len(label) >= 2 and label[0] == text[:1] and _is_subsequence(label, text)
        for label in labels
        for text in starts
    )


def page_title(data: bytes) -> str:
    """The page's <title> as written, or "" for a page without one or in an encoding other
    than UTF-8 (trafilatura decodes those)."""
    match = _TITLE.search(data)
    try:
        return " ".join(unescape(match.group(1).decode("utf-8")).split()) if match else ""
    except UnicodeDecodeError:
        return ""


def title_site_name(data: bytes, hostname: str) -> str:
    """The site's name closing the page's <title> ("Headline | Lanternport Courier") when it
    is the name of the page's address (`_names_address`); trafilatura takes a site's name from
    a title only when it holds a dot ("Headline - Site.com")."""
    title = page_title(data)
    separators = [s for s in _TITLE_SEPARATOR.finditer(title) if not s.group().startswith(":")]
    name = title[separators[-1].end() :].strip() if separators else ""
    if 0 < len(name.split()) <= _SITE_NAME_WORDS and _names_address(name, hostname):
        return name
    return ""


def _longer_than_a_word(headline: str, title: str) -> str:
    return headline.strip() if len(headline.split()) >= 2 else title


def news_agency(text: str) -> str:
    """The news agency `text` names ("The Associated Press", "AP", "Agence France-Presse"),
    by the name the archive files its stories under (`_NEWS_AGENCIES`), or ""."""
    return _AGENCY_BY_KEY.get(name_key(text), "")


def names_the_site(name: str, sitename: str, hostname: str) -> bool:
    """Whether `name`, an agency's (`news_agency`) or another publisher's, is the site's own
    ("Reuters" on reuters.com, "Associated Press" on apnews.com): a story it publishes as it
    wrote it is its own."""
    keys = site_keys(sitename, hostname)
    names = _NEWS_AGENCIES.get(name, [name_key(name)])
    return any(key in keys or f"{key}news" in keys for key in names)


def microdata_site_name(data: bytes) -> str:
    """The publisher the page names in its microdata (`_MICRODATA_PUBLISHER`), or ""."""
    match = _MICRODATA_PUBLISHER.search(data)
    if match is None:
        return ""
    name = (match.group(1) or match.group(2)).decode("utf-8", "replace")
    return " ".join(unescape(name).split())
