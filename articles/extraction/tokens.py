"""Capitalised tokens, and what each can be part of.

A capitalised run ("CIA Director Bill Burns") is read token by token. Each token is classed
from the lexicon and its shape (a title, an honorific, an organisation word, a place, a
department's field, an acronym, a stop word, a connector or a plain name), then re-classed by
its neighbours in the run ("Theresa May", "Downing Street", "Leeds United", "Cricket
Australia"). The person-name, organisation and acronym modules cut runs by these classes, and
the segments they cut are the dataclasses here, so that all of them share one vocabulary.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .lexicon import word_set

_UPPER = lexicon.UPPER_LETTERS
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Prof|Rev|St|Jr|Sr|Cmdr"
    "|Atty|Supt|Insp|Det|Hon|Pres|Fr|Cpl|Pvt|Brig|Gens"
)
# Kinds of organisation written with a capital, which a plural possessive may come before
# inside a name: "Professional Footballers' Association", "Farmers' Union".
_KINDS = "|".join(sorted(kind.capitalize() for kind in lexicon.ORGANISATION_KINDS))
_TOKEN = (
    rf"(?:[{_UPPER}]{{1,3}}&[{_UPPER}]{{1,3}}(?![\w&])"  # M&S, AT&T: one acronym, ampersand and all
    rf"|(?:[{_UPPER}]\.){{2,}}"  # U.S., D.C.
    rf"|(?:{_ABBREVIATIONS})\."  # Gen., Mr.
    rf"|[{_UPPER}]\.(?=[ \u00a0][{_UPPER}])"  # an initial: J. Edgar
    rf"|[{_UPPER}][\w\-]*s[’'](?=[ \u00a0]+(?:{_KINDS})\b)"  # "Footballers' Association"
    rf"|(?:Mc|Mac|O[’']|D[’'])?[{_UPPER}][\w’'\-]*(?<![’'\-]))"
)
PARTICLES = word_set(
    """
    de van von der den da di du del della la le bin ibn al el dos das y ter ten
    """
)
_CONNECTORS = "of|for|on|and|&|" + "|".join(sorted(PARTICLES))
# A run starts after no word character and after no hyphen joined to a word ("pro-Trump"), but
# may follow a dash set before a name ("-Jane Doe, Leeds").
RUN_PATTERN = re.compile(
    rf"(?<![\w’'])(?<![\w’']-){_TOKEN}"
    rf"(?:[ \u00a0]+(?:(?:{_CONNECTORS})[ \u00a0]+(?:the[ \u00a0]+)?)?{_TOKEN})*"
)
_TOKEN_PATTERN = re.compile(rf"{_TOKEN}|(?:{_CONNECTORS})(?=[ \u00a0])|the(?=[ \u00a0])")
# Connectors that join two names rather than continue one ("Leeds United and Arsenal").
JOINING_CONNECTORS = word_set("and &")
ARTICLE_END = re.compile(r"\b[Tt]he[ \u00a0]+$")
# Months that are names too: a surname after a given name or a courtesy title ("Theresa
# May", "Mrs May"), and, those the lexicon lists as given names, before a surname ("April
# Ryan"). Elsewhere a month ("in May").
_NAME_MONTHS = word_set("april may june august")
# Every word that is a surname after a given name or a courtesy title though never a name
# elsewhere: those months, a page's furniture ("Jimmy Page", where "Page 2" is none; "Colin
# Read", where "Read more" is none) and an adverb opening a sentence ("Dan Rather").
_SURNAME_STOPS = _NAME_MONTHS | word_set("page read rather")
# "(D-Va.)", "(R-Texas)": a US legislator's party and state, never part of a name.
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z]")
_POSSESSIVE = re.compile(r"[’']s$")
_CONTRACTION = re.compile(r"[’'](?:m|d|s|re|ve|ll)$")
# The verb after a name, past any apposition set off by commas: "said" in "Okoye, 23, said".
_VERB_AFTER_NAME = re.compile(r"(?:,[^,.\n]{1,80},)?[ \u00a0]+([a-z]+)\b")
# Sports whose governing bodies are named for the sport and the country or state they run
# it in ("Cricket Australia", "Rugby Australia", "Football Victoria", "Tennis Australia"),
# and the states and provinces that such names take that the lexicon has no place word for.
SPORTS = word_set(
    """
    cricket rugby football soccer tennis golf netball hockey athletics swimming cycling rowing
    basketball baseball softball squash badminton volleyball gymnastics sailing triathlon
    """
)
_SPORTING_REGIONS = word_set(
    """
    victoria queensland tasmania ulster munster leinster connacht canterbury otago auckland
    wellington ontario quebec
    """
)
# Nouns for how one firm or body stands to another, which open a sentence before its name
# with a capital only because they come first ("Rival Bramley & Hunt Ltd said", "Parent
# company ...").
_RELATION_WORDS = word_set("rival rivals parent sister competitor")
# Words a byline opens with ("Reporting by ...") that also name the field of a body.
_BYLINE_WORDS = word_set("reporting editing writing")
# Words that end the names of sports clubs after the name of their town or district, and
# that name nothing else there: "Bristol Rovers", "Charlton Athletic", "Bolton Wanderers".
_CLUB_WORDS = word_set("rovers athletic wanderers albion rangers hotspur argyle harriers")
# Words before "District" that make it a public body, a local government or a board with a
# remit ("Regional District of Kitimat", "Unified School District", "Metropolitan Water
# District"), where "Lake District" or "District of Columbia" is a place.
_DISTRICT_REMITS = word_set("regional school water fire health irrigation transit park")
# Names of places that are also common given names, and are one before a surname in a run
# of their own or after a title: "Jordan Haye", "Striker Jordan Haye", "Israel Katz".
_PLACES_AS_GIVEN_NAMES = word_set("jordan georgia israel india kenya florence sydney austin")
# Place words that, after a given name, make the name a place's and are never a surname: "Lee
# County", "Carson City", "Wayne State".
_NEVER_SURNAMES = word_set("city county state")
# Speech verbs that open an inverted attribution ("Said Daalder:"), beside the "-ed" forms.
_SPEECH_FORMS = word_set("said says told tells wrote writes asks adds")

# A company's legal form after its name, written in capitals or not ("LLP", "Plc").
CORPORATE_SUFFIXES = word_set("inc ltd llc llp plc")

_HONORIFICS_IN_CAPITALS = word_set("mr mrs ms dr sir lord lady dame")
# Roles written as acronyms, which stand before a name or a constituency as a title does,
# in the parliaments of Britain, Ireland ("TD"), Canada ("MPP", "MNA") and Australia ("MLC").
TITLE_ACRONYMS = word_set("MP MEP MSP MLA TD MPP MNA MHA MLC")
# Place acronyms look like organisation acronyms but name countries.
# Compared with full stops removed, so "U.S." is "US".
PLACE_ACRONYMS = word_set("US USA UK UAE DC NY LA GB")
# Abbreviations of states and provinces that their own bodies keep at the head of their
# names ("NSW Rural Fire Service", "BC Wildfire Service", "Qld Police"), where a country's
# acronym only places a national body ("US National Security Council"). Alone they name the
# place, as "BC" in "500 BC" names a time: neither is an organisation.
REGION_ACRONYMS = word_set("BC NSW QLD PEI NYC")
# Upper-case words that are not organisations: units, roles, honours, times, numerals
# ("England XV"), shouting, the devices, formats and services of technology and media ("PC",
# "DVD", "MP3", "SMS", "DJ", "VPN", "JSON"), the parts and drives of cars ("EV", "AWD"), the
# wards, scans and measures of medicine ("ICU", "ECG", "BMI") and the measures of business
# ("CPI", "EBITDA"), and school and college qualifications ("GCSE results", "an MBA").
NOT_ACRONYMS = word_set(
    """
    I II III IV V VI VII VIII IX XI XII XV XX OK TV AM PM GMT BST EST EDT PST CEO CFO COO CTO
    MP MPS MEP MEPS MSP QC KC SC GP DJ MC OBE MBE CBE KBE KM MPH AD BC PS ID IT USD GBP EUR UTC PDF
    FAQ RIP LOL DNA HIV AIDS COVID GDP VAT IPO SUV AWOL DIY PR AI PC CD DVD HD HDTV MP3 MP4
    GPS USB PDA SMS MMS LCD LED VHS VCR PVR DVR OS IP ADSL DSL GSM GPRS RSS DRM FM
    HTML URL WWW PIN ATM SIM CPU RAM ROM CCTV JPEG MPEG API A THE AND OF IN ON AT TO FOR BY IS
    NO YES NOT NEW MMR R&D Q&A A&E P&L M&A G&T R&B B&W F&B
    HTTP HTTPS JSON XML CSS SQL PHP SSL TLS VPN ISP SSD HDD GPU RGB UHD OLED QLED HDR IPS GSYNC
    VR AR UI UX LTE NFC RPM EV EVS AWD RWD FWD HVAC ICU ECG EKG MRI CT BMI IQ CPI RPI PPI
    EBITDA EPS ROI KPI GCSE IGCSE GED HND HNC NVQ MBA LLB SAT
    """
)
# What an acronym is made of: capital letters and digits, an ampersand or a hyphen inside
# ("AT&T", "AFL-CIO"). An apostrophe makes a word in capitals a contraction ("DON'T"), a
# letter of another script a code ("Kで").
_ACRONYM_SHAPE = re.compile(r"[A-Z0-9]+(?:[&\-][A-Z0-9]+)*")
DEMONYMS = word_set(
    """
    american african european asian arab israeli iraqi pakistani saudi afghan german french
    dutch greek thai swiss mexican canadian korean chinese british irish scottish welsh english
    polish turkish syrian iranian russian ukrainian italian spanish brazilian australian indian
    japanese egyptian libyan palestinian kurdish jewish muslim christian catholic latino
    hispanic western eastern northern southern nigerian kenyan czech danish swedish finnish
    slovak cypriot icelandic filipino bangladeshi qatari kuwaiti emirati yemeni somali
    zimbabwean chilean ugandan rwandan
    """
)
# Party adjectives premodify names and roles as demonyms do ("Republican strategist Al Cardenas",
# "Liberal Democrat leader Jo Grant", "Tory MP Sam Hale") and are never a person's name on
# their own.
_PARTY_ADJECTIVES = word_set("republican democratic democrat liberal conservative tory lib dem")
# The last part of a hyphenated premodifier ("State-owned", "US-based", "Oscar-winning",
# "Soviet-era"): such a word describes the name after it and is never part of it. Besides
# these, any last part in "-ed", or a longer one in "-ing"; the parts of hyphenated Korean and
# Chinese names ("Ki-moon", "Ying-jeou") are short or end otherwise.
_MODIFIER_ENDINGS = word_set("run born made style era wide")
# Words that open a title in British politics ("Shadow Home Secretary Ann Vale", "the Shadow
# Cabinet") but, unlike the titles in the lexicon, are no role after a name ("in the shadow").
_TITLE_OPENERS = word_set("shadow")
DEPARTMENT_WORDS = word_set(
    """
    defense defence state homeland security energy health education treasury commerce labor
    labour transportation transport agriculture interior justice veterans affairs housing
    foreign home culture trade industry family finance economy environment intelligence
    national public human services development international armed joint
    """
)
# Words that are a newspaper's short title ("the Times", "the Post") but open a name before
# another name word ("Post Malone").
_PAPER_TITLES = word_set("times post journal tribune herald gazette telegraph chronicle")
# A dateline in capitals ending with its dash, at the start of a line: "SAN FRANCISCO —",
# "LONDON, March 3 (AP) -".
_DATELINE_BEFORE = re.compile(
    rf"(?:^|\n)[ \t]*[{_UPPER}][{_UPPER}.’' \-]+"
    rf"(?:,[^\n—–]{{1,30}})?(?:\([^)\n]{{1,20}}\))?[ ]*[—–\-]$"
)
# Days whose papers take the day's name ("Sunday Times", "Saturday Telegraph"), the title
# words those papers have after it, and the papers that add "on Sunday" to their title for
# the Sunday edition ("Mail on Sunday", "Sun on Sunday"). Elsewhere the day is a date.
_WEEKEND_DAYS = word_set("saturday sunday")
_WEEKEND_PAPERS = _PAPER_TITLES | word_set(
    "mirror express mail people independent star sport world"
)
_SUNDAY_EDITIONS = word_set("mail sun independent")
_ON_BEFORE = re.compile(r"\b[Oo]n[ \u00a0]+$")

NAME, STOP, HONORIFIC, TITLE, ORG, PLACE, DEPARTMENT, ACRONYM, CONNECTOR = range(9)
# Token kinds that can stand in an organisation name around its organisation word.
QUALIFIERS = (NAME, DEPARTMENT, PLACE, ORG)


@lru_cache(maxsize=8192)
def token_class(token: str) -> int:
    """Class one capitalised token by what it can be part of."""
    if token.islower():
        return CONNECTOR
    if len(token) == 2 and token[1] == ".":
        return NAME  # a middle initial: "Mark A. Halvorsen" (the run's pattern asks a name after)
    bare = token.rstrip(".")
    lower = bare.lower()
    letters = bare.replace(".", "")
    if lower in lexicon.HONORIFICS:
        # In capitals only the common ones are a headline's honorific ("MR BLAIR"): "MX" in
        # "Logitech MX Master" is a product line, "JR" a pair of initials.
        if len(letters) > 1 and letters.isupper() and lower not in _HONORIFICS_IN_CAPITALS:
            return STOP
        return HONORIFIC
    if lower in CORPORATE_SUFFIXES:
        return ORG  # "Halpern Wexler LLP", "Acme Holdings PLC": the end of a company's name
    if len(letters) >= 3 and letters.endswith("s") and letters[:-1].isupper():
        return STOP  # "MPs", "DVDs": an acronym's plural names a kind of thing or person
    if len(letters) >= 2 and letters.isupper():
        if letters in PLACE_ACRONYMS or letters in REGION_ACRONYMS:
            return PLACE
        if letters in TITLE_ACRONYMS:
            return TITLE  # "Labour MP Tariq Hussain", "MP for West Ham"
        alphabetic = sum(ch.isalpha() for ch in letters)
        # "T-72", "USB-C", "GLP-1", "IL-25", where "G7" is a group and "AFL-CIO" a union.
        model_number = "-" in letters and any(
            len(part) < 2 or part.isdigit() for part in letters.split("-")
        )
        not_acronym = all(part in NOT_ACRONYMS for part in letters.split("-"))  # "HD-DVD"
        if (
            not_acronym
            or model_number
            or alphabetic > 6
            or _ACRONYM_SHAPE.fullmatch(letters) is None
        ):
            return STOP  # shouting, datelines ("WASHINGTON"), model numbers, "DON'T", "Kで"
        if lower in lexicon.ORGANISATION_KINDS:
            return ORG  # "NEWS", "CO": a kind of organisation in capitals
        return ACRONYM
    if lower in lexicon.NOT_NAME_WORDS or _PARTY_AND_STATE.match(bare) or _is_modifier(bare):
        return STOP
    if _CONTRACTION.sub("", lower) in lexicon.NOT_NAME_WORDS:
        return STOP  # "I’m", "They're": a pronoun with its verb, not a name
    if lower in lexicon.SPEECH_VERBS and (lower.endswith("ed") or lower in _SPEECH_FORMS):
        return STOP  # "Continued Stone:", "Said Daalder"
    if (
        lower in lexicon.TITLE_WORDS
        or lower in _TITLE_OPENERS
        or ("-" in lower and all(part in lexicon.TITLE_WORDS for part in lower.split("-")))
    ):
        return TITLE  # "Secretary-Treasurer", "Attorney-General" too
    if lower in lexicon.ORGANISATION_WORDS or bare in lexicon.WELL_KNOWN_ORGANISATIONS:
        return ORG
    if lower in lexicon.PLACE_WORDS or lower in DEMONYMS or lower in _PARTY_ADJECTIVES:
        return PLACE
    if lower in DEPARTMENT_WORDS:
        return DEPARTMENT
    if _by_place_suffix(lower):
        return PLACE
    return NAME


def _is_modifier(word: str) -> bool:
    """A hyphenated premodifier: "State-owned", "US-based", "Oscar-winning"."""
    if "-" not in word:
        return False
    last = word.rsplit("-", 1)[1]
    return last.islower() and (
        last.endswith("ed")
        or (last.endswith("ing") and len(last) >= 6)
        or last in _MODIFIER_ENDINGS
    )


def _by_place_suffix(lower: str) -> bool:
    """An unlisted word read as a place adjective from its ending: "Armenian", "Lebanese".
    Surnames end the same way ("Kardashian", "Meese"), so `run_tokens` reads it as a name after a
    name."""
    return (
        lower.endswith(("ian", "ese"))
        and lower not in lexicon.GIVEN_NAME_GENDER
        and lower not in lexicon.PLACE_WORDS
        and lower not in DEMONYMS
    )


@dataclass
class Token:
    start: int
    end: int
    text: str
    kind: int
    possessive: bool = False


@dataclass
class NameSegment:
    """A stretch of a run that may name one person: "Bill Burns" in "CIA Director Bill Burns"."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    titled: bool  # a title or honorific stands right before it in the run
    honorific: str | None
    prefix: str  # the rest of the run before it: "CIA Director"
    run_start: int
    possessive: bool = False


@dataclass
class OrganisationSegment:
    start: int
    end: int
    text: str
    is_acronym: bool
    defines: str | None = None  # the acronym bracketed after it: "G7" for "Group of Seven"
    # A kind of organisation standing alone ("the League", "Police said"): it names one only
    # as the short form of a fuller name in the text ("the Premier League").
    generic: bool = False
    # The noun the text gave it as its kind, when it named it after one ("oil firm Yukos").
    kind: str | None = None
    # An acronym that may as well be a word in capitals or a product's code ("PLAY", "RAV4"):
    # it names an organisation only if the text spells it out or defines it.
    doubtful: bool = False


@dataclass
class RunAnalysis:
    names: list[NameSegment] = field(default_factory=list)
    organisations: list[OrganisationSegment] = field(default_factory=list)


def run_tokens(text: str, run_start: int, run_text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_PATTERN.finditer(run_text):
        word = match.group()
        start = run_start + match.start()
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 3
        if possessive:
            word = word[:-2]
        kind = CONNECTOR if word in PARTICLES or word.islower() else token_class(word)
        if kind == PLACE and tokens and _surname_after(tokens, word):
            kind = NAME
        elif word in ("Cross", "Crescent") and tokens and tokens[-1].text == "Red":
            kind = ORG  # "Australian Red Cross", "Red Crescent": the national relief societies
        elif word == "District" and tokens and tokens[-1].text.lower() in _DISTRICT_REMITS:
            kind = ORG  # "Regional District of Kitimat", "Unified School District"
        elif kind == PLACE and word == "United" and tokens and tokens[-1].kind == NAME:
            kind = ORG  # "Leeds United", "Citizens United": a club or a group
        elif (
            word == "Capital"
            and tokens
            and tokens[-1].kind == NAME
            and not tokens[-1].possessive
            and match.end() == len(run_text)
        ):
            kind = ORG  # "Shore Capital", "Tidewater Capital": a fund or a broker, ending a run
        elif kind == PLACE and (
            word.lower() in lexicon.PLACE_NOUNS or word.lower() in _NEVER_SURNAMES
        ):
            _reclass_end(tokens, (NAME,), PLACE)  # "Downing Street", "Carson City"
        elif kind == STOP and "-" in word and _is_modifier(word):
            _reclass_end(tokens, (NAME, PLACE), STOP)  # "Santa Monica-based"
        elif kind == STOP and word.lower() in _SURNAME_STOPS and tokens and _takes_surname(tokens):
            kind = NAME  # "Theresa May", "Mrs May", "David Page"
        elif kind == TITLE and tokens and _is_initial(tokens[-1]):
            kind = NAME  # "Peter T. King": a surname after a middle initial, not a title
        if kind == PLACE and tokens and tokens[-1].text == "New" and not word.isupper():
            tokens[-1].kind = PLACE  # "New York", "New Jersey": not "new" before a place
        tokens.append(Token(start, start + len(word), word, kind, possessive))
    if len(tokens) >= 2 and tokens[-1].kind == TITLE and _is_given(tokens[-2]):
        tokens[-1].kind = NAME  # "Stephen King", "John Major": a surname ending the run
    if (
        len(tokens) == 2
        and tokens[0].kind == PLACE
        and tokens[1].kind == NAME
        and not tokens[1].possessive
        and _by_place_suffix(tokens[0].text.lower())
        and (verb := _VERB_AFTER_NAME.match(text, tokens[1].end))
        and verb.group(1).lower() in lexicon.SPEECH_VERBS
    ):
        tokens[0].kind = NAME  # "Tyrese Okoye said": a given name, not a nationality
    if len(tokens) > 1:
        # Each rule here reads a token beside its neighbours; a lone token, as two runs in
        # three are, has none, so it need not set up the pairs.
        for index, (town, club) in enumerate(zip(tokens, tokens[1:], strict=False)):
            if (
                club.text.lower() in _CLUB_WORDS
                and town.kind in (NAME, PLACE)
                and not town.possessive
                and (index + 2 == len(tokens) or tokens[index + 2].kind not in QUALIFIERS)
            ):
                # "Bristol Rovers", "Queens Park Rangers", where in "Stockbridge Rovers Junior
                # FC" the word only qualifies the kind after it.
                club.kind = ORG
        for index, (sport, place) in enumerate(zip(tokens, tokens[1:], strict=False)):
            following = tokens[index + 2] if index + 2 < len(tokens) else None
            if (
                sport.text.lower() in SPORTS
                and not sport.possessive
                and (
                    (place.kind == PLACE and not place.text.isupper())
                    or place.text.lower() in _SPORTING_REGIONS
                )
                and (following is None or place.possessive or following.text in JOINING_CONNECTORS)
            ):
                sport.kind = place.kind = ORG  # "Cricket Australia", "Football Victoria"
        for index, token in enumerate(tokens):
            if (
                token.kind == STOP
                and token.text.lower() in _BYLINE_WORDS
                and _names_a_field(tokens, index)
            ):
                # "Financial Reporting Council", "Center for Investigative Reporting"
                token.kind = NAME
        if "Sunday" in run_text or "Saturday" in run_text:
            _reclass_weekend_papers(text, tokens)
        for index, (place, following) in enumerate(zip(tokens, tokens[1:], strict=False)):
            if (
                place.kind == PLACE
                and place.text.lower() in _PLACES_AS_GIVEN_NAMES
                and not place.possessive
                and following.kind == NAME
                and (index == 0 or tokens[index - 1].kind in (STOP, TITLE, HONORIFIC))
            ):
                place.kind = NAME  # "Jordan Haye": a given name, not the country
        for month, following in zip(tokens, tokens[1:], strict=False):
            if (
                month.kind == STOP
                and month.text.lower() in _NAME_MONTHS
                and month.text.lower() in lexicon.GIVEN_NAME_GENDER
                and following.kind == NAME
            ):
                month.kind = NAME  # "April Ryan"
    if (
        len(tokens) == 2
        and tokens[0].text.lower() in _PAPER_TITLES
        and tokens[1].kind == NAME
        and not tokens[0].possessive
        and not ARTICLE_END.search(text, max(0, run_start - 4), run_start)
    ):
        tokens[0].kind = NAME  # "Post Malone": a paper's title word opening a name
    if "." in run_text:
        for initials, following in zip(tokens, tokens[1:], strict=False):
            if initials.kind == ACRONYM and "." in initials.text and following.kind == NAME:
                initials.kind = NAME  # "P.J. Fleck", "George R.R. Martin": initials, no body
    if (
        len(tokens) > 1
        and tokens[0].text.lower() in _RELATION_WORDS
        and not tokens[0].possessive
        and starts_sentence(text, run_start)
    ):
        tokens[0].kind = STOP  # "Rival Bramley & Hunt Ltd said": the firm is a rival
    if (
        len(tokens) == 1
        and tokens[0].kind == PLACE
        and tokens[0].text.lower() in lexicon.PLACE_NOUNS
    ):
        tokens[0].kind = NAME  # "Park said": alone, a capitalised place noun is a surname
    elif len(tokens) > 1 and tokens[-1].text in ("St", "St.") and tokens[-2].kind == NAME:
        tokens[-1].kind = PLACE  # "Downing St", where "St Albans" is a saint's
        _reclass_end(tokens[:-1], (NAME,), PLACE)
    return tokens


def _reclass_weekend_papers(text: str, tokens: list[Token]) -> None:
    """Make a weekend paper's title one organisation's name where the day would read as a
    date: the day before a paper's title word ("Sunday Mirror", "Saturday Telegraph"), not
    after "on" ("on Sunday Times Square was empty"), and "on Sunday" after the papers that
    name their Sunday edition so ("Mail on Sunday")."""
    for index, day in enumerate(tokens):
        if day.kind != STOP or day.text.lower() not in _WEEKEND_DAYS or day.possessive:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            following is not None
            and following.text.lower() in _WEEKEND_PAPERS
            and not _ON_BEFORE.search(text, max(0, day.start - 4), day.start)
        ):
            day.kind, following.kind = NAME, ORG
        elif (
            day.text == "Sunday"
            and index >= 2
            and tokens[index - 1].text == "on"
            and tokens[index - 2].text.lower() in _SUNDAY_EDITIONS
            and not tokens[index - 2].possessive
        ):
            day.kind, tokens[index - 2].kind = NAME, ORG


def _is_initial(token: Token) -> bool:
    """A middle initial with its full stop: "T." in "Peter T. King"."""
    return token.kind == NAME and len(token.text) == 2 and token.text.endswith(".")


def _names_a_field(tokens: list[Token], index: int) -> bool:
    """Whether a byline word ("Reporting by ...") inside a run is the field an organisation
    works in: after a word that qualifies an organisation and before an organisation word
    ("Financial Reporting Council"), or ending the complement of one ("Center for
    Investigative Reporting")."""
    if index == 0 or tokens[index - 1].kind not in QUALIFIERS or tokens[index - 1].possessive:
        return False
    if index + 1 < len(tokens):
        return tokens[index + 1].kind == ORG
    return any(
        token.kind == ORG and following.text in ("of", "for")
        for token, following in zip(tokens[: index - 1], tokens[1:index], strict=True)
    )


def _is_given(token: Token) -> bool:
    """Whether a token is a known given name, which a surname follows."""
    return (
        token.kind == NAME
        and not token.possessive
        and token.text.lower() in lexicon.GIVEN_NAME_GENDER
    )


def _reclass_end(tokens: list[Token], kinds: tuple[int, ...], kind: int) -> None:
    """Re-class the tokens of `kinds` ending `tokens` as `kind`, up to a possessive: the plain
    names before a place noun that is no surname are part of the place ("Downing Street",
    "Hyde Park", "Clark County": neither "Downing" nor "Clark" is a person or an
    organisation), and the words before a hyphenated premodifier part of it ("Santa
    Monica-based")."""
    index = len(tokens) - 1
    while index >= 0 and tokens[index].kind in kinds and not tokens[index].possessive:
        tokens[index].kind = kind
        index -= 1


def _surname_after(tokens: list[Token], word: str) -> bool:
    """Whether a place word is a surname after the tokens before it: after a name when only its
    ending made it a place adjective ("Kim Kardashian", "Ed Meese"); when it is a place word,
    after a courtesy title ("Ms Park"), a known given name ("Evelyn Park", "Jim Jordan") or a
    name that follows a title ("Dr. Cornel West"); so is a word for a nationality or a
    language ("Mr. English", "Dawn French"). Whether "Victoria Park" is then a person is left
    to the evidence around it."""
    previous = tokens[-1]
    if previous.possessive:
        return False
    lower = word.lower()
    if previous.kind == NAME and _by_place_suffix(lower):
        return True
    if previous.kind == NAME and lower in DEMONYMS and lower in lexicon.GIVEN_NAME_GENDER:
        return True  # "Hans Christian Andersen": a middle name, not a faith
    if (
        (lower not in lexicon.PLACE_WORDS and lower not in DEMONYMS)
        or lower in _NEVER_SURNAMES
        or word.isupper()
    ):
        return False
    return _takes_surname(tokens)


def _takes_surname(tokens: list[Token]) -> bool:
    """Whether the tokens so far make a word that is often no name ("Park", "May") a surname:
    after a courtesy title ("Ms Park", "Mrs May"), a known given name ("Evelyn Park",
    "Theresa May") or a name that follows a title ("Dr. Cornel West")."""
    previous = tokens[-1]
    if previous.possessive:
        return False
    if previous.kind == HONORIFIC:
        return True
    return previous.kind == NAME and (
        previous.text.lower() in lexicon.GIVEN_NAME_GENDER
        or (len(tokens) >= 2 and tokens[-2].kind in (HONORIFIC, TITLE))
    )


def starts_sentence(text: str, position: int) -> bool:
    """Whether `position` opens a sentence (or the text), or follows the dateline that opens
    a story ("SAN FRANCISCO — "): a capitalised word there may be a common noun written
    with a capital only because it comes first."""
    before = text[max(0, position - 40) : position].rstrip(" \u00a0\"“‘'(")
    if not before or before[-1] in ".!?:\n":
        return True
    return before[-1] in "—–-" and _DATELINE_BEFORE.search(before) is not None
