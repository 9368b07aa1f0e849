"""Person names in capitalised runs, and the words that tell a name from a role.

A run is cut into the stretches of plain name words that may each name one person ("Bill
Burns" in "CIA Director Bill Burns"), less a role written before the name with a capital
("Prosecutor Daniel Ashworth") or a title's complement ("Minister for Climate Change").
Whether such a stretch really is a person is decided later from evidence, by `people.py`;
the helpers here that know given names, role nouns and brands serve that evidence too.
"""

from . import lexicon
from .acronyms import INITIAL_SKIP
from .lexicon import word_set
from .tokens import (
    ACRONYM,
    CONNECTOR,
    DEPARTMENT,
    HONORIFIC,
    NAME,
    ORG,
    PARTICLES,
    PLACE,
    TITLE,
    TITLE_ACRONYMS,
    NameSegment,
    Token,
    starts_sentence,
)

# The openings of surnames and given names written with a capital inside ("MacArthur",
# "VanDerBeek", "FitzGerald"), beside the two-letter ones ("McCain", "DeSantis", "LaToya").
NAME_PREFIXES = word_set("mac van von der den del della dos das ten ter fitz")


def is_brand(word: str) -> bool:
    """A word with a capital inside it after a stretch of lower case that no surname opens
    with: "NetRatings", "DaimlerChrysler", "TalkTalk" name firms and brands, where "McDonald",
    "MacArthur", "DeSantis" and "LaToya" are names."""
    for index in range(3, len(word) - 1):
        if word[index].isupper():
            return (
                word[index - 1].islower()
                and word[index + 1].islower()
                and word[1:index].islower()
                and word[:index].lower() not in NAME_PREFIXES
            )
    return False


def may_open_with_common_word(text: str, names, start: int) -> bool:
    """Whether three or more name words at `start` open a sentence with a word the lexicon
    does not know as a given name: "Astronaut Leila Haddad" may be a role before a name,
    where "Mary Ann Smith" is not."""
    return (
        len(names) >= 3
        and names[0].lower() not in lexicon.GIVEN_NAME_GENDER
        and starts_sentence(text, start)
    )


def _opens_with_common_word(text, tokens, first, last, run_start) -> bool:
    """Whether the first name token is such a word and either a given name follows it
    ("Prosecutor Daniel Ashworth") or it is a role noun itself ("Student Priya Chandran"): a
    role written before the name, cut off the name. A title-case headline puts a verb after
    the role noun instead ("Pastor Wants Girl Scout Leaders ..."), which the ending shows."""
    names = [token.text for token in tokens[first : last + 1] if token.kind == NAME]
    if first > 0 and tokens[first - 1].kind in (ACRONYM, ORG) and len(names) >= 3:
        # "CBS Sports NFL Insider Jason La Canfora": a role at a body, before a given name.
        return names[0].lower() not in lexicon.GIVEN_NAME_GENDER and is_given_name(names[1])
    if tokens[first].start != run_start or not may_open_with_common_word(text, names, run_start):
        return False
    following = names[1].lower()
    return following in lexicon.GIVEN_NAME_GENDER or (
        names[0].lower() in lexicon.ROLE_NOUNS and not following.endswith(("s", "ed"))
    )


def describes_name(word: str) -> bool:
    """Whether a capitalised word before a name describes it rather than being part of it: a
    role noun ("Developer", "Insider"), a participle ("Questioning") or a compound with a
    joining word inside ("Day-by-day", "Up-to-date"). A given name ("Grant", "Will") is
    none."""
    lower = word.lower()
    if is_given_name(word):
        return False
    if "-" in lower:
        return any(part in INITIAL_SKIP or part == "by" for part in lower.split("-")[1:-1])
    return is_person_noun(lower) or (lower.endswith("ing") and len(lower) >= 8)


def is_person_noun(word: str) -> bool:
    """Whether a lower-case word is a common noun for people, singular or plural: "aide",
    "officials", "pollsters"."""
    return word in lexicon.UNNAMED_HEADS or (
        word.endswith("s") and word[:-1] in lexicon.UNNAMED_HEADS
    )


def name_segments(text: str, tokens: list[Token], run_start: int) -> list[NameSegment]:
    """Cut maximal sequences of plain-name tokens (particles allowed inside) from a run."""
    segments = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        if token.kind != NAME:
            index += 1
            continue
        first = index
        last = index
        probe = index
        while not tokens[last].possessive and probe + 1 < count:
            following = tokens[probe + 1]
            if following.kind == NAME:
                last = probe = probe + 1
            elif (
                following.kind == CONNECTOR
                and following.text in PARTICLES
                and probe + 2 < count
                and tokens[probe + 2].kind == NAME
            ):
                probe += 1
            else:
                break
        if _opens_with_common_word(text, tokens, first, last, run_start):
            first = next(i for i in range(first + 1, last + 1) if tokens[i].kind == NAME)
        after = _complement_of(tokens, first)
        if after == TITLE:
            if first > 0 and tokens[first - 1].kind == DEPARTMENT:
                # "Minister for Foreign Affairs Penny Wong", but "Commissioner for Human
                # Rights" ends with the remit's last word.
                first = first if last > first or is_given_name(tokens[first].text) else None
            else:
                first = _name_after_title_complement(tokens, first, last)
        if after == NAME or first is None:
            index = last + 1
            continue
        previous = tokens[first - 1] if first > 0 else None
        honorific = None
        titled = False
        # A title in the possessive names no one after it: "Prime Minister's Questions".
        if previous is not None and previous.kind in (HONORIFIC, TITLE) and not previous.possessive:
            titled = True
            if previous.kind == HONORIFIC:
                honorific = previous.text.rstrip(".").lower()
        start, end = tokens[first].start, tokens[last].end
        segments.append(
            NameSegment(
                start=start,
                end=end,
                text=text[start:end],
                tokens=tuple(t.text for t in tokens[first : last + 1] if t.kind == NAME),
                titled=titled,
                honorific=honorific,
                prefix=text[run_start : tokens[first].start].strip(),
                run_start=run_start,
                possessive=tokens[last].possessive,
            )
        )
        index = last + 1
    return segments


def _complement_of(tokens: list[Token], first: int) -> int | None:
    """The kind of the token before an "of" or a "for" (and any "the") that stands right
    before `first`, when it is a name or a title: what follows is then where the person is
    from or what the title is over ("Kevin Walsh of Ridgeline Securities", "Lord Smith of
    Finsbury", "Minister for Climate Change"), no person of its own."""
    index = first - 1
    places = False
    while index >= 0 and tokens[index].kind in (DEPARTMENT, PLACE) and not tokens[index].possessive:
        # "High Commissioner for Human Rights": the remit's words before the name; "MP for
        # West Ham": the constituency's.
        places = places or tokens[index].kind == PLACE
        index -= 1
    if index >= 0 and tokens[index].text == "the":
        index -= 1
    if index < 1 or tokens[index].text not in ("of", "for"):
        return None
    owner = tokens[index - 1]
    if owner.possessive or owner.kind not in (NAME, TITLE):
        return None
    if places and owner.text not in TITLE_ACRONYMS:
        return None  # "Secretary of State John Kerry": the title ends with the place
    return owner.kind


def _name_after_title_complement(tokens: list[Token], first: int, last: int) -> int | None:
    """Where the name starts in the words after a title's complement: at a given name
    ("Minister for Climate Change Chris Bowen", "Chancellor of the Exchequer Gordon Brown"),
    else after the first word of three or more ("Commissioner for Refugees Filippo Grandi");
    None when the words are only the complement ("Minister for Climate Change")."""
    names = [index for index in range(first, last + 1) if tokens[index].kind == NAME]
    for index in names[1:]:
        if is_given_name(tokens[index].text):
            return index
    return names[1] if len(names) >= 3 else None


def is_given_name(word: str) -> bool:
    """A given name the lexicon knows, or whose first part it knows ("Jeanne-Marie")."""
    return word.split("-", 1)[0].lower() in lexicon.GIVEN_NAME_GENDER
