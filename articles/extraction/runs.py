"""Capitalised runs, and the people and organisation names inside them.

News text names people and organisations in capitalised runs ("CIA Director Bill Burns",
"US National Security Council"). One regex pass finds every run; each token is then classed
from the lexicon (title, organisation word, place, acronym, stop word or plain name), and the
run is cut into the segments that can be a person ("Bill Burns") or an organisation
("National Security Council", "CIA"); an acronym bracketed after a run says where the
organisation name in it starts ("Group of Seven (G7)"). Whether a bare capitalised pair
really is a person is decided later from evidence (a title, a given name, a speech verb, an
apposition), by `people.py`.

`analyse_runs` ties the steps together: `tokens.py` classes the tokens, `names.py`,
`organisation_names.py` and `acronyms.py` cut the segments, and `organisation_cues.py` reads
the context that makes plain names an organisation's, in each run and then over the text.
"""

import re

from . import lexicon
from .acronyms import (
    abbreviated_from,
    acronyms_of_terms,
    doubtful_acronym,
    names_a_model,
    names_state,
    shouted_spans,
    with_doubtful_words_joined,
)
from .lexicon import word_set
from .names import is_given_name, name_segments
from .organisation_cues import (
    WORD_BEFORE,
    SurnamePair,
    club_letters_after_name,
    firms_named_by_initials,
    firms_named_for_founders,
    has_officers,
    mentions_of_joined,
    mentions_of_typed,
    named_after_type,
    named_as_a_whole,
    reported_result_sides,
    result_line_sides,
    second_of_plural_type,
    surname_pairs,
    told_publication,
    town_club_word,
    traded_count,
    type_opens_sentence,
    workplace_after_role,
)
from .organisation_names import names_a_thing, organisation_segments
from .tokens import (
    ACRONYM,
    CORPORATE_SUFFIXES,
    DEPARTMENT,
    NAME,
    ORG,
    PLACE,
    RUN_PATTERN,
    STOP,
    OrganisationSegment,
    RunAnalysis,
    run_tokens,
    token_class,
)

_UPPER = lexicon.UPPER_LETTERS

# An acronym in brackets right after a name, defining it: "Group of Seven (G7)".
_DEFINITION = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&.]{1,9})\s*\)")
# A dateline: the place in capitals (group 1), perhaps a date or a state, perhaps the agency in
# brackets (group "agency"), then a dash ("WASHINGTON — ", "GENEVA (Reuters) - ", "LONDON,
# March 3 (AP) — ", "LONDON, Ont. (AP) -"). Written in capitals, the place passes for an
# acronym; it is neither an organisation nor the subject of the sentence after it.
DATELINE = re.compile(
    r"([A-Z][A-Z.’'\-]+(?:[ ]+[A-Z][A-Z.’'\-]+)*)(?:,[^\n—–(]{1,40})?"
    r"(?:[ ]*\((?P<agency>[^)\n]{1,20})\))?[ ]*[—–\-]{1,2}\s"
)
# Indian and some British papers close it with a colon instead: "MUMBAI: ", "NEW DELHI: ".
_PARAGRAPH_DATELINE = re.compile(
    r"^[ \t]*(?:" + DATELINE.pattern + r"|(?P<place>[A-Z]{3,}(?:[ ]+[A-Z]{3,})*):[ ])",
    re.MULTILINE,
)
# A ministry or a bureau named for its remit, at the end of a run: "Ministry of Fisheries",
# "Department for Digital", "Bureau of Alcohol", whose remit a list may go on after a comma.
_REMIT_HEADS = ("Ministry", "Department", "Office", "Bureau")
_REMIT_HEAD = re.compile(rf"\b(?:{'|'.join(_REMIT_HEADS)})[ \u00a0]+(?:of|for)[ \u00a0]+[^,]+$")
# Kinds of public body and union whose remit may be listed with commas before the kind:
# "the Environment, Food and Rural Affairs Committee".
_LISTED_REMIT_KINDS = word_set(
    """
    committee union association council federation commission authority board society
    institute agency confederation congress
    """
)
_THE_BEFORE = re.compile(r"\bthe[ \u00a0]+$")
# Before and after a name in a list of names: "Dell, Hewlett-Packard Co and IBM".
_LIST_BEFORE = re.compile(r"(?:,|\band|&)[ \u00a0]*$")
_LIST_AFTER = re.compile(rf",?[ \u00a0]+(?:and|&)[ \u00a0]+[{_UPPER}]|,[ \u00a0]+[{_UPPER}]")
# A capitalised word right after a run, across a comma: the list goes on past the "and".
_CAPITAL_AFTER = re.compile(rf",?[ \u00a0]+[{_UPPER}]")
# Words of a report on a sport, which make a town's name and "City" or "Town" in it the
# town's club ("beat Northgate City"), where elsewhere it is the town.
_SPORTING_WORDS = (
    "striker", "midfielder", "winger", "goalkeeper", "kick-off", "half-time", "full-time",
    "play-off", "hat-trick", "relegation", "goalless", "Premier League", "League One",
    "League Two", "FA Cup",
)  # fmt: skip
_SPORTING_TEXT = re.compile(rf"\b(?:{'|'.join(map(re.escape, _SPORTING_WORDS))})s?\b")
# A number with its unit right before an acronym: "512GB SSD", "4K UHD", "120Hz GSYNC".
_MEASURE_BEFORE = re.compile(r"(?<![\w.])\d[\d.,]*[A-Za-z]{1,3}[ \u00a0]+$")
# A model's number after a maker's series in capitals: "GTX 1660", "RTX 2060" (not a year).
_MODEL_NUMBER_AFTER = re.compile(r"[ \u00a0](?!19\d\d\b|20[0-3]\d\b)\d{4}\b")
# A stock ticker in angle brackets after a company, as wire reports write it ("Chrysler Corp
# <C>", "Cable and Wireless <CMAC.S>"): its letters are a code, and the run before it a company.
_TICKER = re.compile(r"<[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?>")
_TICKER_AFTER = re.compile(r"[ \u00a0]*" + _TICKER.pattern)


def analyse_runs(text: str) -> list[tuple[int, int, RunAnalysis]]:
    """Every capitalised run in the text with its candidate names and organisations."""
    analysed = []
    # Acronyms the text has defined so far, so that "MoD", read as a name on its own, is the
    # acronym after "Ministry of Defence (MoD)".
    defined: set[str] = set()
    # Names the text has introduced with their type ("oil firm Yukos").
    typed_names: set[str] = set()
    # Two lone surnames joined by "and" or "&", which may name a firm ("Ernst and Young").
    pairs: list[SurnamePair] = []
    trades = "hares" in text or "stock" in text  # "shares", "Shares"
    # Results reported in sentences ("Ashdown beat Millbrook 2-1") make a report on a sport,
    # as its words do. The plain substring test first: the regex, with a word boundary before
    # fifteen alternatives, is slow to scan a text for, and most texts have none of the words.
    reported_sides = reported_result_sides(text)
    sporting = bool(reported_sides) or (
        any(word in text for word in _SPORTING_WORDS) and _SPORTING_TEXT.search(text) is not None
    )
    result_sides = result_line_sides(text) | reported_sides
    datelines = []
    # The agency a dateline names in its brackets: "NEW YORK, March 14 (Wireline) - ".
    agencies = set()
    for dateline in _PARAGRAPH_DATELINE.finditer(text):
        datelines.append(dateline.span(1) if dateline.group(1) else dateline.span("place"))
        if dateline.group("agency"):
            agencies.add(dateline.span("agency"))
    shouted = shouted_spans(text)
    terms = acronyms_of_terms(text) if "(" in text else set()
    # Acronyms that may be words or codes, and by their name whether they are.
    acronyms: list[OrganisationSegment] = []
    doubtful: dict[str, bool] = {}
    tickers = [ticker.span() for ticker in _TICKER.finditer(text)] if "<" in text else []
    for run_start, run_end in _run_spans(text):
        if tickers and any(start < run_start < end for start, end in tickers):
            continue  # "C" in "<C>", "S" in "<CMAC.S>": a ticker's code names no one
        tokens = run_tokens(text, run_start, text[run_start:run_end])
        if not tokens:
            continue
        for start, end in datelines:
            if start < run_end and run_start < end:  # only a run the dateline overlaps
                for token in tokens:
                    if start <= token.start < end:
                        token.kind = STOP
        if sporting and len(tokens) > 1:
            club_letters_after_name(tokens)  # "Hamburger SV"
        club_word = town_club_word(text, tokens, run_start) if sporting else None
        if club_word is not None:
            # "against Northgate City": in a sports report, the club of that town.
            tokens[club_word].kind = ORG
            for token in tokens[:club_word]:
                token.kind = NAME
        for index, token in enumerate(tokens[:2]):
            if (
                len(token.text) <= 4
                and token.text.replace(".", "") in lexicon.STATE_CODES
                and names_state(text, tokens, index, run_start)
            ):
                token.kind = PLACE
        if defined:
            for token in tokens:
                if token.text in defined:
                    token.kind = ACRONYM
        if shouted or terms:
            for token in tokens:
                if (token.kind == ACRONYM and token.text in terms) or any(
                    start <= token.start < end for start, end in shouted
                ):
                    token.kind = STOP
        if all(token.kind == STOP for token in tokens):
            # A run of stop words only, as a third of runs are ("The", "But", "WASHINGTON"):
            # every step below starts from a name, a place, an acronym or an organisation
            # word, so none finds anything here, and the run's analysis is empty.
            analysed.append((run_start, run_end, RunAnalysis()))
            continue
        organisations = [
            segment
            for segment in organisation_segments(text, tokens)
            if not names_a_thing(text, segment, run_start)
        ]
        for segment in organisations:
            if segment.is_acronym and segment.text not in defined:
                acronyms.append(segment)
                name = segment.text
                if name not in doubtful:
                    doubtful[name] = doubtful_acronym(text, name)
                if not doubtful[name] and any(ch.isdigit() for ch in name):
                    doubtful[name] = names_a_model(text, tokens, segment)
                elif not doubtful[name]:
                    doubtful[name] = _MODEL_NUMBER_AFTER.match(text, segment.end) is not None
                if not doubtful[name] and _MEASURE_BEFORE.search(
                    text, max(0, segment.start - 12), segment.start
                ):
                    doubtful[name] = True  # "512GB SSD", "4K UHD": a product's specification
        if len(organisations) > 1:
            organisations = with_doubtful_words_joined(organisations, doubtful)
        names = name_segments(text, tokens, run_start)
        end = tokens[-1].end
        definition = _DEFINITION.match(text, end) if "(" in text[end : end + 3] else None
        first = abbreviated_from(tokens, definition.group(1)) if definition else None
        if first is not None:
            # "Group of Seven (G7)", "Food and Agriculture Organization (FAO)": the acronym
            # says where the name starts, joining words and all. Whatever it names is not a
            # person; it is an organisation if an organisation word heads it, where "Human
            # Rights Watch (HRW)" may as well be a law or a treaty. Without one ("Health and
            # Safety Executive (HSE)"), the acronym alone would be taken for an organisation
            # unless it is doubtful; the name it stands for is then that organisation's.
            start = tokens[first].start
            names = [segment for segment in names if not start <= segment.start < end]
            acronym = definition.group(1)
            if any(token.kind == ORG for token in tokens[first:]) or (
                token_class(acronym) == ACRONYM
                and not doubtful.setdefault(acronym, doubtful_acronym(text, acronym))
            ):
                organisations = [o for o in organisations if o.end <= start]
                organisations.append(
                    OrganisationSegment(start, end, text[start:end], False, definition.group(1))
                )
                defined.add(definition.group(1))
        first_typed = 0
        typed_count = (
            named_after_type(text, tokens, run_start)
            or (trades and traded_count(text, tokens))
            or has_officers(text, tokens)
        )
        if not typed_count and type_opens_sentence(text, tokens, run_start):
            # "Carmakers Renault and Peugeot": the kind opens the sentence, the names follow.
            after_kind = named_after_type(text, tokens[1:], tokens[1].start)
            first_typed, typed_count = 1, 1 + after_kind if after_kind else 0
        if typed_count:
            # "union Unison Dave Prentis": the organisation, then the name after it.
            start, end = tokens[first_typed].start, tokens[typed_count - 1].end
            kind_word = WORD_BEFORE.search(text, max(0, start - 30), start)
            kind = kind_word.group(1).lower() if kind_word else None
            typed = [OrganisationSegment(start, end, text[start:end], False, kind=kind)]
            second_end = second_of_plural_type(tokens, typed_count, kind)
            if second_end:
                # "electronics giants Hitachi and Matsushita": the plural types both names.
                second_start = tokens[typed_count + 1].start
                end = tokens[second_end - 1].end
                typed.append(
                    OrganisationSegment(second_start, end, text[second_start:end], False, kind=kind)
                )
                typed_count = second_end
            # Whatever the run's words made an organisation of there gives way, the kind
            # opening the sentence with it ("Chipmaker Lumera Systems") too.
            organisations = [o for o in organisations if not (o.start < end and start < o.end)]
            organisations = sorted([*organisations, *typed], key=lambda o: o.start)
            names = name_segments(text, tokens[typed_count:], run_start)
            typed_names.update(segment.text for segment in typed)
        whole = named_as_a_whole(
            text,
            tokens,
            (run_start, run_end) in result_sides
            or ((run_start, run_end) in agencies and all(t.kind == NAME for t in tokens)),
            bool(tickers) and _TICKER_AFTER.match(text, run_end) is not None,
        )
        if whole is not None:
            # "Millbrook Town" in a result, "Alzheimer's Research UK": one body's name.
            start, end = tokens[whole].start, tokens[-1].end
            organisations = [OrganisationSegment(start, end, text[start:end], False)]
            names = []
        elif workplace_after_role(text, tokens, run_start):
            # "chief economist at Halden Street Capital": where the person works.
            start, end = tokens[0].start, tokens[-1].end
            organisations = [OrganisationSegment(start, end, text[start:end], False)]
            names = []
            typed_names.add(text[start:end])
        elif (tokens[0].text == "The" or text.endswith("the ", 0, run_start)) and (
            publication := told_publication(text, tokens, run_start)
        ) is not None:
            # "told The Observer", "speaking to the Evening Standard": a paper, not a person,
            # and no company for "the company said" to stand for.
            start, end = tokens[publication].start, tokens[-1].end
            organisations = [
                OrganisationSegment(start, end, text[start:end], False, kind="publication")
            ]
            names = []
            typed_names.add(text[start:end])
        names = [
            segment
            for segment in names
            if not any(o.start <= segment.start < o.end for o in organisations)
        ]
        analysis = RunAnalysis(names=names, organisations=organisations)
        analysed.append((run_start, run_end, analysis))
        pairs.extend(surname_pairs(text, tokens, analysis))
    for segment in acronyms:
        segment.doubtful = doubtful[segment.text]
    if typed_names:
        mentions_of_typed(analysed, typed_names)
    if pairs:
        firms_named_for_founders(analysed, pairs)
    firms_named_by_initials(text, analysed)
    mentions_of_joined(text, analysed)
    return analysed


def _run_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the capitalised runs, with two joins the run pattern cannot see: a name
    typed by the kind of body it is that has a bare "the" inside ("environmental group Lock
    the Gate", "charity Save the Children"), and a ministry's or a bureau's remit listed with
    commas ("Ministry of Culture, Tourism and Civil Aviation", "Bureau of Alcohol, Tobacco and
    Firearms"), where the last item follows "and"; and a firm named for its partners with a
    comma between them ("Levesque, Beaubien Inc", see `_firm_across_comma`)."""
    spans = [match.span() for match in RUN_PATTERN.finditer(text)]
    remits = any(head in text for head in _REMIT_HEADS)
    joined: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        start, end = spans[index]
        index += 1
        # What stands between this run and the next decides either join: " the " or ", ".
        gap = text[end : spans[index][0]] if index < len(spans) else None
        if (gap == " the " and _after_type(text, start)) or (
            gap == ", " and _firm_across_comma(text, (start, end), spans[index])
        ):
            start, end = start, spans[index][1]
            index += 1
        elif gap == ", " and (listed := _remit_listed_before_kind(text, spans, index - 1)):
            end = spans[listed][1]
            index = listed + 1
        elif remits and _REMIT_HEAD.search(text, start, end):
            following = index
            while following < len(spans) and following - index < 4:
                item_start, item_end = spans[following]
                if (
                    text[end if following == index else spans[following - 1][1] : item_start]
                    != ", "
                ):
                    break
                item = _remit_item(text[item_start:item_end])
                if item is None:
                    break
                following += 1
                if " and " in item:
                    if not _CAPITAL_AFTER.match(text, item_end):
                        end = item_end
                        index = following
                    break
        joined.append((start, end))
    return joined


def _remit_listed_before_kind(text: str, spans: list[tuple[int, int]], first: int) -> int | None:
    """The index of the run that closes a body's name whose remit is listed with commas
    before the kind of body it is, the last item after "and" ("the Environment, Food and
    Rural Affairs Committee", "the Bakers, Food and Allied Workers' Union"), starting with
    the run at `first`; None if the runs from there are no such name. The name opens after
    "the", as such a name is written; the items before the last are plain words, not a
    person, a place or another body ("the Army, Navy and Air Force" lists three), and the
    kind is a public body's or a union's, not a firm's ("Ford, Chrysler and General Motors
    Corp" lists three firms)."""
    start, end = spans[first]
    if text.startswith("The ", start):
        start += 4
    elif not _THE_BEFORE.search(text, max(0, start - 4), start):
        return None
    following = first
    while True:
        item = text[start:end]
        if (
            " and " in item
            or _remit_item(item) is None
            or any(word.lower() in lexicon.ORGANISATION_KINDS for word in item.split())
        ):
            return None
        if text[spans[following][1] : spans[following + 1][0]] != ", ":
            return None
        following += 1
        start, end = spans[following]
        words = text[start:end].split()
        if " and " in text[start:end]:
            break
        if following - first >= 4 or following + 1 >= len(spans):
            return None
    if (
        words[-1].lower() not in _LISTED_REMIT_KINDS
        or _remit_item(" ".join(words[:-1]).replace("’", "").replace("'", "")) is None
    ):
        return None
    return following


def _firm_across_comma(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether one plain name, a comma and a firm's name ending in its legal form are one
    firm's name, as firms named for their partners write it ("Levesque, Beaubien Inc"). Not
    in a list of firms (a comma or "and" before the name, or the list going on after the
    firm: "Dell, Hewlett-Packard Co and IBM"), and not when the name stands elsewhere in the
    text without the firm, as a person's surname before the firm they work for does
    ("Kessler, Acme Holdings Ltd's analyst")."""
    word = text[first[0] : first[1]]
    firm = text[second[0] : second[1]].split()
    if (
        text[first[1] : second[0]] != ", "
        or " " in word
        or token_class(word) != NAME
        or is_given_name(word)
        or len(firm) < 2
        or firm[-1].lower() not in CORPORATE_SUFFIXES
        or text.startswith(("'", "’"), second[1])
        or _LIST_BEFORE.search(text, max(0, first[0] - 6), first[0])
        or _LIST_AFTER.match(text, second[1])
    ):
        return False
    name = text[first[0] : second[1]]
    alone = re.compile(rf"(?<![\w’'\-]){re.escape(word)}(?![\w’'\-])")
    return len(alone.findall(text)) == text.count(name)


def _after_type(text: str, start: int) -> bool:
    """Whether a lower-case noun for a kind of body stands right before `start`."""
    noun = WORD_BEFORE.search(text, max(0, start - 20), start)
    return noun is not None and noun.group(1) in lexicon.ORGANISATION_TYPES


def _remit_item(words: str) -> str | None:
    """The words of a capitalised run that can be one item of a ministry's remit: plain words
    and kinds with "and" between them ("Tourism", "Animal Husbandry and Dairying"), up to
    any words the run goes on with ("on Friday"); None if it names a person, a place or
    another body."""
    item: list[str] = []
    for word in words.split():
        if (
            word == "and"
            or word.lower() in lexicon.ORGANISATION_KINDS  # "Media and Sport"
            or (token_class(word) in (NAME, DEPARTMENT) and not is_given_name(word))
        ):
            item.append(word)
        elif word.islower() and item and item[-1] != "and":
            break
        else:
            return None
    return " ".join(item) if 0 < len(item) <= 6 and item[-1] != "and" else None
