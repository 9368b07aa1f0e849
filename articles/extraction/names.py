"""Capitalised runs, and the people and organisation names inside them.

News text names people and organisations in capitalised runs ("CIA Director Bill Burns",
"US National Security Council"). One regex pass finds every run; each token is then classed
from the lexicon (title, organisation word, place, acronym, stop word or plain name), and the
run is cut into the segments that can be a person ("Bill Burns") or an organisation
("National Security Council", "CIA"); an acronym bracketed after a run says where the
organisation name in it starts ("Group of Seven (G7)"). Whether a bare capitalised pair
really is a person is decided later from evidence (a title, a given name, a speech verb, an
apposition), by `people.py`.
"""

import re
from collections import Counter
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
_PARTICLES = word_set(
    """
    de van von der den da di du del della la le bin ibn al el dos das y ter ten
    """
)
_CONNECTORS = "of|for|on|and|&|" + "|".join(sorted(_PARTICLES))
# A run starts after no word character and after no hyphen joined to a word ("pro-Trump"), but
# may follow a dash set before a name ("-Jane Doe, Leeds").
RUN_PATTERN = re.compile(
    rf"(?<![\w’'])(?<![\w’']-){_TOKEN}"
    rf"(?:[ \u00a0]+(?:(?:{_CONNECTORS})[ \u00a0]+(?:the[ \u00a0]+)?)?{_TOKEN})*"
)
_TOKEN_PATTERN = re.compile(rf"{_TOKEN}|(?:{_CONNECTORS})(?=[ \u00a0])|the(?=[ \u00a0])")
# An acronym in brackets right after a name, defining it: "Group of Seven (G7)".
_DEFINITION = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&.]{1,9})\s*\)")
# Joining words an acronym leaves out: "Organisation for Economic Co-operation and Development".
_INITIAL_SKIP = word_set("of the and for on in at to & de")
# Number words an acronym writes as digits: "G7" for "Group of Seven".
_NUMBER_WORDS = word_set("one two three four five six seven eight nine ten eleven twelve twenty")
_DIGITS = re.compile(r"\d+")
# The word before a type noun: "oil" in "oil firm Yukos".
_WORD_BEFORE = re.compile(r"([\w’'\-]+)[ \u00a0]+$")
# Connectors inside a name introduced by its type ("group Americans for Prosperity").
_TYPED_CONNECTORS = word_set("of for &")
# Connectors that join two names rather than continue one ("Leeds United and Arsenal").
_JOINING_CONNECTORS = word_set("and &")
# Endings of abstract and plural common nouns, which a word joined by "and" into an
# organisation name has and a surname or a brand mostly lacks: "Securities", "Immigration".
_COMMON_NOUN_ENDINGS = ("ies", "tion", "sion", "ment", "ship", "ness", "ity", "ics")
_ARTICLE_END = re.compile(r"\b[Tt]he[ \u00a0]+$")
# After a company's name, the stock market's words for it: "Ericsson shares dropped",
# "Baoshan stock climbed" (a verb after the noun, where "Woods shares the lead" has none), and
# before it, "shares in", "shares of".
_TRADE_VERBS = r"(?:[a-z]+ed|rose|fell|were|are|have|had|lost|won|hit|slid|sank|shrank)\b"
_TRADED_AFTER = re.compile(rf"(?:[’']s)?[ \u00a0]+(?:shares|stock)[ \u00a0]+{_TRADE_VERBS}")
# "Shares in Wimpey were up", but not "Air China shares in Hong Kong."
_TRADED_BEFORE = re.compile(r"\b[Ss]hares[ \u00a0]+(?:in|of)[ \u00a0]+$")
# A price's move by a percentage: "fell 6.2 percent", "rose 3%".
_MOVED_BY_PERCENT = re.compile(
    r"[ \u00a0]+(?:rose|fell|gained|lost|climbed|slid|dropped|jumped|sank|tumbled|slumped"
    r"|surged|advanced|declined|added|shed)[ \u00a0]+\d[\d.]*[ \u00a0]*"
    r"(?:%|percent|per[ \u00a0]cent)"
)
# Securities a name issues and sizes it gives a thing, after the name: "Treasury yields",
# "AA battery". Not "bill" or "notes", which follow a body as its bill ("Senate bill") or as
# a verb ("the Journal notes").
_THING_AFTER = re.compile(r"[ \u00a0]+(?:yields?|bonds?|gilts?|securities|batter(?:y|ies))\b")
_TRADE_VERB = re.compile(rf"[ \u00a0]+{_TRADE_VERBS}")
# After a name, the officers, owners and parts only a company or a club has: "Fiat chairman
# Luca di Montezemolo", "T-Mobile's chief executive", "Enron's shareholders", "Yukos unit
# Yuganskneftegas", "Chelsea boss Jose Mourinho". A person has an aide or a spokesman ("a
# Blair spokesman"), not a chairman or shareholders; after a possessive a person may have a
# boss or a unit ("Smith's boss"), so those words count only without one.
_OFFICERS_AFTER = re.compile(
    r"(?:(?:[’']s?)?[ \u00a0]+(?:chairman|chairwoman|ceo|shareholders|subsidiary"
    r"|chief[ \u00a0]+(?:executive|operating|financial))"
    r"|[ \u00a0]+(?:boss|bosses|directors|unit))\b"
)
# After two names joined by "and": a verb in the singular, a "which" or a possessive says the
# two are one thing, a firm ("Ernst and Young has", "Ernst and Young, which").
# A possessive after them says so only before a person or a role ("Ernst and Young's Sanjay
# Mehta", "... Young's chief economist"), not before a product ("Amstel and Murphy's stout").
_OWNS_SOMEONE = re.compile(
    rf"[ \u00a0]+(?:[{_UPPER}]|(?:{'|'.join(sorted(lexicon.ROLE_NOUNS))})\b)"
)
_ONE_THING_AFTER = re.compile(r",[ \u00a0]+which\b|[ \u00a0]+(?:has|is|was|does|says)\b")
# A single digit numbering a channel or a station: "Radio 4", "Channel 5" (not "League 10
# points", "the Cabinet 2-1").
_DIGIT_AFTER = re.compile(r"[ \u00a0][1-9](?![\w\-]|[.,]\d)")
# Months that are names too: a surname after a given name or a courtesy title ("Theresa
# May", "Mrs May"), and, those the lexicon lists as given names, before a surname ("April
# Ryan"). Elsewhere a month ("in May").
_NAME_MONTHS = word_set("april may june august")
# Every word that is a surname after a given name or a courtesy title though never a name
# elsewhere: those months, and a page's furniture ("Jimmy Page", where "Page 2" is none).
_SURNAME_STOPS = _NAME_MONTHS | word_set("page")
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
# "(D-Va.)", "(R-Texas)": a US legislator's party and state, never part of a name.
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z]")
_POSSESSIVE = re.compile(r"[’']s$")
_CONTRACTION = re.compile(r"[’'](?:m|d|s|re|ve|ll)$")
# The verb after a name, past any apposition set off by commas: "said" in "Okoye, 23, said".
_VERB_AFTER_NAME = re.compile(r"(?:,[^,.\n]{1,80},)?[ \u00a0]+([a-z]+)\b")
# A ministry or a bureau named for its remit, at the end of a run: "Ministry of Fisheries",
# "Department for Digital", "Bureau of Alcohol", whose remit a list may go on after a comma.
_REMIT_HEADS = ("Ministry", "Department", "Office", "Bureau")
_REMIT_HEAD = re.compile(rf"\b(?:{'|'.join(_REMIT_HEADS)})[ \u00a0]+(?:of|for)[ \u00a0]+[^,]+$")
# Before and after a name in a list of names: "Dell, Hewlett-Packard Co and IBM".
_LIST_BEFORE = re.compile(r"(?:,|\band|&)[ \u00a0]*$")
_LIST_AFTER = re.compile(rf",?[ \u00a0]+(?:and|&)[ \u00a0]+[{_UPPER}]|,[ \u00a0]+[{_UPPER}]")
# A capitalised word right after a run, across a comma: the list goes on past the "and".
_CAPITAL_AFTER = re.compile(rf",?[ \u00a0]+[{_UPPER}]")
# Sports whose governing bodies are named for the sport and the country or state they run
# it in ("Cricket Australia", "Rugby Australia", "Football Victoria", "Tennis Australia"),
# and the states and provinces that such names take that the lexicon has no place word for.
_SPORTS = word_set(
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
# A result on a line of its own: two sides, each with its score after it or both scores
# between them ("Ashdown Athletic 3 Millbrook Town 2", "Leeds United 2-1 Hull City").
_SIDE = rf"[{_UPPER}][\w’'.\-]*(?:[ \t]+(?:(?:and|&|of)[ \t]+)?[{_UPPER}][\w’'.\-]*){{0,4}}"
_RESULT_LINE = re.compile(
    rf"^[ \t]*({_SIDE})[ \t]+(?:\d{{1,3}}[ \t]+({_SIDE})[ \t]+\d{{1,3}}"
    rf"|\d{{1,3}}[ \t]*[-–][ \t]*\d{{1,3}}[ \t]+({_SIDE}))[ \t]*$",
    re.MULTILINE,
)
# Where a person works, before a firm's name: "analysts at", "Priya Menon of".
_AT_BEFORE = re.compile(r"\b(?:at|with)[ \u00a0]+$")
_PERSON_OF_BEFORE = re.compile(rf"[{_UPPER}][\w’'\-]+[ \u00a0]+of[ \u00a0]+$")
# Nouns for how one firm or body stands to another, which open a sentence before its name
# with a capital only because they come first ("Rival Bramley & Hunt Ltd said", "Parent
# company ...").
_RELATION_WORDS = word_set("rival rivals parent sister competitor")
# Kinds of broadcaster whose stations are named for the place or the cause they serve after
# the kind: "BBC Radio Leeds", "Radio Free Europe".
_STATION_KINDS = word_set("radio television tv")
# Words a byline opens with ("Reporting by ...") that also name the field of a body.
_BYLINE_WORDS = word_set("reporting editing writing")
# Words that end the names of sports clubs after the name of their town or district, and
# that name nothing else there: "Bristol Rovers", "Charlton Athletic", "Bolton Wanderers".
_CLUB_WORDS = word_set("rovers athletic wanderers albion rangers hotspur argyle harriers")
# Roles held in a firm or a body, before "at" and where the person works ("chief economist
# at", "analysts at", "head of rates strategy at"), and among them the officers of one,
# before "of" ("the chief executive of", "the founder of"). Not roles over a place or a
# people ("mayor", "president", "leader"), nor a person's relations ("friend", "son").
_OFFICER_ROLES = word_set(
    """
    founder co-founder chairman chairwoman chairperson chair director head executive officer
    manager headteacher principal trustee owner
    """
)
_WORKPLACE_ROLES = _OFFICER_ROLES | word_set(
    """
    analyst analysts economist economists strategist strategists directors managers partner
    partners researcher researchers scientist scientists engineer engineers trader traders
    banker bankers lawyer lawyers consultant consultants employee employees worker workers
    staff staffers executives officers professor lecturer teacher teachers spokesman
    spokeswoman spokesperson
    """
)
_ROLE_AT_BEFORE = re.compile(
    r"\b([a-z][a-z\-]*)(?:[ \u00a0]+(?:of|for)(?:[ \u00a0]+[a-z][a-z\-]*){1,3})?"
    r"[ \u00a0]+at[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_AT_OR_OF_BEFORE = re.compile(r"\b(?:at|of)[ \u00a0]+(?:the[ \u00a0]+)?$")
_ROLE_OF_BEFORE = re.compile(r"\b([a-z][a-z\-]*)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")
# Place words that describe a place rather than name one: "North", "Central", "Global".
_PLACE_ADJECTIVES = word_set(
    """
    north south east west northern southern eastern western central middle global gulf pacific
    atlantic mediterranean city county state united new
    """
)
# Words of a report on a sport, which make a town's name and "City" or "Town" in it the
# town's club ("beat Northgate City"), where elsewhere it is the town.
_SPORTING_WORDS = (
    "striker", "midfielder", "winger", "goalkeeper", "kick-off", "half-time", "full-time",
    "play-off", "hat-trick", "relegation", "goalless", "Premier League", "League One",
    "League Two", "FA Cup",
)  # fmt: skip
_SPORTING_TEXT = re.compile(rf"\b(?:{'|'.join(map(re.escape, _SPORTING_WORDS))})s?\b")
# Prepositions that place something in a town rather than pit a side against a club.
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|across|through|into|of)[ \u00a0]+(?:the[ \u00a0]+)?$"
)
# Place words that, after a given name, make the name a place's and are never a surname: "Lee
# County", "Carson City", "Wayne State".
_NEVER_SURNAMES = word_set("city county state")
# Speech verbs that open an inverted attribution ("Said Daalder:"), beside the "-ed" forms.
_SPEECH_FORMS = word_set("said says told tells wrote writes asks adds")

# The openings of surnames and given names written with a capital inside ("MacArthur",
# "VanDerBeek", "FitzGerald"), beside the two-letter ones ("McCain", "DeSantis", "LaToya").
NAME_PREFIXES = word_set("mac van von der den del della dos das ten ter fitz")

# A company's legal form after its name, written in capitals or not ("LLP", "Plc").
_CORPORATE_SUFFIXES = word_set("inc ltd llc llp plc")

_HONORIFICS_IN_CAPITALS = word_set("mr mrs ms dr sir lord lady dame")
# Roles written as acronyms, which stand before a name or a constituency as a title does.
_TITLE_ACRONYMS = word_set("MP MEP MSP MLA")
# Place acronyms look like organisation acronyms but name countries.
# Compared with full stops removed, so "U.S." is "US".
_PLACE_ACRONYMS = word_set("US USA UK UAE DC NY LA GB")
# Upper-case words that are not organisations: units, roles, honours, times, numerals
# ("England XV"), shouting, the devices, formats and services of technology and media ("PC",
# "DVD", "MP3", "SMS", "DJ", "VPN", "JSON"), the parts and drives of cars ("EV", "AWD"), the
# wards, scans and measures of medicine ("ICU", "ECG", "BMI") and the measures of business
# ("CPI", "EBITDA").
_NOT_ACRONYMS = word_set(
    """
    I II III IV V VI VII VIII IX XI XII XV XX OK TV AM PM GMT BST EST EDT PST CEO CFO COO CTO
    MP MPS MEP MEPS MSP QC KC SC GP DJ MC OBE MBE CBE KBE KM MPH AD BC PS ID IT USD GBP EUR UTC PDF
    FAQ RIP LOL DNA HIV AIDS COVID GDP VAT IPO SUV AWOL DIY PR AI PC CD DVD HD HDTV MP3 MP4
    GPS USB PDA SMS MMS LCD LED VHS VCR PVR DVR OS IP ADSL DSL GSM GPRS RSS DRM FM
    HTML URL WWW PIN ATM SIM CPU RAM ROM CCTV JPEG MPEG API A THE AND OF IN ON AT TO FOR BY IS
    NO YES NOT NEW MMR R&D Q&A A&E P&L M&A G&T R&B B&W F&B
    HTTP HTTPS JSON XML CSS SQL PHP SSL TLS VPN ISP SSD HDD GPU RGB UHD OLED QLED HDR IPS GSYNC
    VR AR UI UX LTE NFC RPM EV EVS AWD RWD FWD HVAC ICU ECG EKG MRI CT BMI IQ CPI RPI PPI
    EBITDA EPS ROI KPI
    """
)
# What an acronym is made of: capital letters and digits, an ampersand or a hyphen inside
# ("AT&T", "AFL-CIO"). An apostrophe makes a word in capitals a contraction ("DON'T"), a
# letter of another script a code ("Kで").
_ACRONYM_SHAPE = re.compile(r"[A-Z0-9]+(?:[&\-][A-Z0-9]+)*")
_DEMONYMS = word_set(
    """
    american african european asian arab israeli iraqi pakistani saudi afghan german french
    dutch greek thai swiss mexican canadian korean chinese british irish scottish welsh english
    polish turkish syrian iranian russian ukrainian italian spanish brazilian australian indian
    japanese egyptian libyan palestinian kurdish jewish muslim christian catholic latino
    hispanic western eastern northern southern nigerian kenyan
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
# What a saint's name opens with; the possessive after it is inside a name ("St Mary's Hospital").
_SAINTS = frozenset({"St", "St.", "Saint"})
# Royal titles whose possessive opens the name of a body founded under them ("King's College",
# "Queen's University", "Prince's Trust"), as a saint's does.
_ROYAL_FOUNDERS = frozenset({"King", "Queen", "Prince", "Princess"})
# Kinds of academic body whose name may end with the city they stand in ("University College
# London", "Queen's University Belfast").
_ACADEMIC_KINDS = word_set("college university")
_DEPARTMENT_WORDS = word_set(
    """
    defense defence state homeland security energy health education treasury commerce labor
    labour transportation transport agriculture interior justice veterans affairs housing
    foreign home culture trade industry family finance economy environment intelligence
    national public human services development international armed joint
    """
)

# Words the lexicon knows, which written in capitals are a word shouted or stressed rather
# than an acronym ("ABOUT", "SAYS", "STATE", "STAFF", "SEAN", "CHINA"), short of the acronyms
# the lexicon lists among them ("US", "TV").
_WORDS_IN_CAPITALS = (
    lexicon.NOT_NAME_WORDS
    | lexicon.SPEECH_VERBS
    | lexicon.COMMON_VERBS
    | lexicon.QUANTIFIERS
    | lexicon.UNNAMED_HEADS
    | lexicon.PLACE_WORDS
    | _DEPARTMENT_WORDS
    | _SPORTS
    | lexicon.COMMON_WORDS
) - {word.lower() for word in _NOT_ACRONYMS | _PLACE_ACRONYMS}
# Words that are a newspaper's short title ("the Times", "the Post") but open a name before
# another name word ("Post Malone").
_PAPER_TITLES = word_set("times post journal tribune herald gazette telegraph chronicle")
# A town and the comma before a state code: "Austin, TX", "SANTA FE, N.M.".
_TOWN_AND_COMMA = re.compile(rf"[{_UPPER}][\w.’'\-]*,[ \u00a0]+$")
_IN_BEFORE = re.compile(r"\b(?:in|IN)[ \u00a0]+$")
# A number with its unit right before an acronym: "512GB SSD", "4K UHD", "120Hz GSYNC".
_MEASURE_BEFORE = re.compile(r"(?<![\w.])\d[\d.,]*[A-Za-z]{1,3}[ \u00a0]+$")
# A model's number after a maker's series in capitals: "GTX 1660", "RTX 2060" (not a year).
_MODEL_NUMBER_AFTER = re.compile(r"[ \u00a0](?!19\d\d\b|20[0-3]\d\b)\d{4}\b")
# Characters that join a word to the next: an apostrophe or a hyphen.
_WORD_JOINERS = "’'-"
# A group of nations named for its number of members: "G7", "G20".
_GROUP_OF = re.compile(r"G\d{1,2}")
# A broadcaster's channel: its acronym and a number ("BBC2", "ITV1"), the broadcaster one the
# lexicon knows or the text names alone.
_CHANNEL = re.compile(r"([A-Z]{2,})\d")
# Two or more words in capitals in a row, on one line: a heading, a results table's sport or
# a headline written in capitals ("GIRLS SOCCER", "HOW WILL OBAMA PLAY?").
_CAPITALS_WORD = r"[A-Z](?:[A-Z0-9’'&\-]*[A-Z0-9])?"
_CAPITALS_RUN = re.compile(
    rf"{_CAPITALS_WORD}"
    rf"(?:[ \t]*[ '‘’\"“”|/–—\-][ \t]*(?:\d[\d.,]*[ \t]+)?{_CAPITALS_WORD})+(?![\w’'\-])"
)
_LINE_REST = re.compile(r"[ \t'‘’\"“”:?!.…]*(?:\([^()\n]*\)[ \t.]*)?(?:\n|$)")
# An acronym bracketed after the lower-case words it abbreviates ("binge eating disorder
# (BED)"), or before them ("FIRE (financial independence, retire early)"): a term, not an
# organisation.
# A stock ticker in angle brackets after a company, as wire reports write it ("Chrysler Corp
# <C>", "Cable and Wireless <CMAC.S>"): its letters are a code, and the run before it a company.
_TICKER = re.compile(r"<[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?>")
_TICKER_AFTER = re.compile(r"[ \u00a0]*" + _TICKER.pattern)
_BRACKETED = re.compile(r"\(([^()\n]{2,100})\)")
_BRACKETED_ACRONYM = re.compile(r"[A-Z][A-Z0-9\-]{1,9}")
_ACRONYM_BEFORE = re.compile(r"(?<![\w\-])([A-Z]{2,6})[ \u00a0]+$")

NAME, STOP, HONORIFIC, TITLE, ORG, PLACE, DEPARTMENT, ACRONYM, CONNECTOR = range(9)
# Token kinds that can stand in an organisation name around its organisation word.
_QUALIFIERS = (NAME, DEPARTMENT, PLACE, ORG)


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
    if lower in _CORPORATE_SUFFIXES:
        return ORG  # "Halpern Wexler LLP", "Acme Holdings PLC": the end of a company's name
    if len(letters) >= 3 and letters.endswith("s") and letters[:-1].isupper():
        return STOP  # "MPs", "DVDs": an acronym's plural names a kind of thing or person
    if len(letters) >= 2 and letters.isupper():
        if letters in _PLACE_ACRONYMS:
            return PLACE
        if letters in _TITLE_ACRONYMS:
            return TITLE  # "Labour MP Tariq Hussain", "MP for West Ham"
        alphabetic = sum(ch.isalpha() for ch in letters)
        # "T-72", "USB-C", "GLP-1", "IL-25", where "G7" is a group and "AFL-CIO" a union.
        model_number = "-" in letters and any(
            len(part) < 2 or part.isdigit() for part in letters.split("-")
        )
        not_acronym = all(part in _NOT_ACRONYMS for part in letters.split("-"))  # "HD-DVD"
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
    if lower in lexicon.PLACE_WORDS or lower in _DEMONYMS or lower in _PARTY_ADJECTIVES:
        return PLACE
    if lower in _DEPARTMENT_WORDS:
        return DEPARTMENT
    if _by_place_suffix(lower):
        return PLACE
    return NAME


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
    Surnames end the same way ("Kardashian", "Meese"), so `_tokens` reads it as a name after a
    name."""
    return (
        lower.endswith(("ian", "ese"))
        and lower not in lexicon.GIVEN_NAME_GENDER
        and lower not in lexicon.PLACE_WORDS
        and lower not in _DEMONYMS
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


def _tokens(text: str, run_start: int, run_text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_PATTERN.finditer(run_text):
        word = match.group()
        start = run_start + match.start()
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 3
        if possessive:
            word = word[:-2]
        kind = CONNECTOR if word in _PARTICLES or word.islower() else token_class(word)
        if kind == PLACE and tokens and _surname_after(tokens, word):
            kind = NAME
        elif kind == PLACE and word == "United" and tokens and tokens[-1].kind == NAME:
            kind = ORG  # "Leeds United", "Citizens United": a club or a group
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
                and (index + 2 == len(tokens) or tokens[index + 2].kind not in _QUALIFIERS)
            ):
                # "Bristol Rovers", "Queens Park Rangers", where in "Stockbridge Rovers Junior
                # FC" the word only qualifies the kind after it.
                club.kind = ORG
        for index, (sport, place) in enumerate(zip(tokens, tokens[1:], strict=False)):
            following = tokens[index + 2] if index + 2 < len(tokens) else None
            if (
                sport.text.lower() in _SPORTS
                and not sport.possessive
                and (
                    (place.kind == PLACE and not place.text.isupper())
                    or place.text.lower() in _SPORTING_REGIONS
                )
                and (following is None or place.possessive or following.text in _JOINING_CONNECTORS)
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
        and not _ARTICLE_END.search(text, max(0, run_start - 4), run_start)
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
        and _starts_sentence(text, run_start)
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


def _is_initial(token: Token) -> bool:
    """A middle initial with its full stop: "T." in "Peter T. King"."""
    return token.kind == NAME and len(token.text) == 2 and token.text.endswith(".")


def _names_a_field(tokens: list[Token], index: int) -> bool:
    """Whether a byline word ("Reporting by ...") inside a run is the field an organisation
    works in: after a word that qualifies an organisation and before an organisation word
    ("Financial Reporting Council"), or ending the complement of one ("Center for
    Investigative Reporting")."""
    if index == 0 or tokens[index - 1].kind not in _QUALIFIERS or tokens[index - 1].possessive:
        return False
    if index + 1 < len(tokens):
        return tokens[index + 1].kind == ORG
    return any(
        token.kind == ORG and following.text in ("of", "for")
        for token, following in zip(tokens[: index - 1], tokens[1:index], strict=True)
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
    name that follows a title ("Dr. Cornel West"). Whether "Victoria Park" is then a person is
    left to the evidence around it."""
    previous = tokens[-1]
    if previous.possessive:
        return False
    lower = word.lower()
    if previous.kind == NAME and _by_place_suffix(lower):
        return True
    if previous.kind == NAME and lower in _DEMONYMS and lower in lexicon.GIVEN_NAME_GENDER:
        return True  # "Hans Christian Andersen": a middle name, not a faith
    if lower not in lexicon.PLACE_WORDS or lower in _NEVER_SURNAMES or word.isupper():
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


def _starts_sentence(text: str, position: int) -> bool:
    """Whether `position` opens a sentence (or the text): a capitalised word there may be a
    common noun written with a capital only because it comes first."""
    before = text[max(0, position - 40) : position].rstrip(" \u00a0\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def may_open_with_common_word(text: str, names, start: int) -> bool:
    """Whether three or more name words at `start` open a sentence with a word the lexicon
    does not know as a given name: "Astronaut Leila Haddad" may be a role before a name,
    where "Mary Ann Smith" is not."""
    return (
        len(names) >= 3
        and names[0].lower() not in lexicon.GIVEN_NAME_GENDER
        and _starts_sentence(text, start)
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
        return any(part in _INITIAL_SKIP or part == "by" for part in lower.split("-")[1:-1])
    return is_person_noun(lower) or (lower.endswith("ing") and len(lower) >= 8)


def is_person_noun(word: str) -> bool:
    """Whether a lower-case word is a common noun for people, singular or plural: "aide",
    "officials", "pollsters"."""
    return word in lexicon.UNNAMED_HEADS or (
        word.endswith("s") and word[:-1] in lexicon.UNNAMED_HEADS
    )


def _name_segments(text: str, tokens: list[Token], run_start: int) -> list[NameSegment]:
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
                and following.text in _PARTICLES
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
    if places and owner.text not in _TITLE_ACRONYMS:
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


def _organisation_segments(text: str, tokens: list[Token]) -> list[OrganisationSegment]:
    """Find organisation names: a stretch headed by an organisation word, or an acronym."""
    segments = []
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        if token.kind == ACRONYM and _acronym_and_country(tokens, index):
            # "NHS England", "BBC Scotland": a body's arm for one nation, by its name.
            following = tokens[index + 1]
            name = text[token.start : following.end]
            segments.append(OrganisationSegment(token.start, following.end, name, False))
            index += 2
            continue
        if token.kind == ACRONYM:
            segments.append(OrganisationSegment(token.start, token.end, token.text, True))
            index += 1
            continue
        if token.kind != ORG or (
            token.text == "Convention"
            and tokens[index + 1 : index + 2]
            and tokens[index + 1].text == "on"
        ):
            index += 1  # "European Convention on Human Rights": a treaty, no body
            continue
        # Extend left over words that can qualify an organisation ("National Security"), and
        # over an acronym inside the name between such words and the organisation word
        # ("Calder Valley Hospitals NHS Trust", where "NHS Trust" alone is what is left of it).
        # A title word right before the organisation word is part of the name after a
        # qualifier ("Ashworth General Hospital"), and so are a saint's name with its
        # possessive ("St Anselm's Primary School", "St Bartholomew's Hospital") and a royal
        # founder's possessive ("King's College").
        first = index
        while first > 0 and (
            tokens[first - 1].kind in _QUALIFIERS
            or (
                tokens[first - 1].kind in (ACRONYM, TITLE)
                and first == index
                and first >= 2
                and tokens[first - 2].kind in _QUALIFIERS
                and not tokens[first - 2].possessive
            )
            or (
                tokens[first - 1].kind == ACRONYM
                and not tokens[first - 1].possessive
                and _acronym_opens_name(tokens, first - 1, index)
            )
            or (_opens_with_royal_founder(tokens, first) and first == index)
        ):
            if (
                tokens[first - 1].possessive
                and not (first >= 2 and tokens[first - 2].text in _SAINTS)
                and not _opens_with_royal_founder(tokens, first)
            ):
                break
            first -= 1
        if _named_of_place(text, tokens, first):
            first -= 2  # "Banc of America Securities"
        # Drop a leading place acronym ("US National Security Council").
        while first < index and tokens[first].kind == PLACE and tokens[first].text.isupper():
            first += 1
        # Extend right over "of X", "for X", "on X" and further name words, and over "and X"
        # only inside such a complement ("Department of Trade and Industry") or after a kind
        # of organisation alone ("Media and Sport"): after a name it joins two names ("Leeds
        # United and Arsenal", "Labour and Tony Blair").
        last = index
        probe = index
        after_connector = False
        station = token.text.lower() in _STATION_KINDS
        lone_kind = first == index and token.text.lower() in lexicon.ORGANISATION_KINDS
        while not tokens[last].possessive and probe + 1 < count:
            following = tokens[probe + 1]
            if (
                following.kind == ORG
                or (after_connector and following.kind in _QUALIFIERS)
                or (_ends_with_its_city(tokens, probe + 1) and last == probe)
                or (following.kind == TITLE and tokens[probe].text == "of")
                or (
                    following.kind in (NAME, PLACE)
                    and station
                    and not is_given_name(following.text)
                )
            ):
                last = probe = probe + 1
            elif (
                following.kind == CONNECTOR
                and (
                    after_connector
                    or following.text not in _JOINING_CONNECTORS
                    or (lone_kind and last == index)
                )
                and probe + 2 < count
                and (
                    tokens[probe + 2].kind in _QUALIFIERS
                    or (following.text == "of" and _title_ends_name(tokens, probe + 2))
                )
            ):
                probe += 1
                after_connector = True
            else:
                break
        if last > first and tokens[last].text.lower() in lexicon.ORGANISATION_KINDS:
            first = _joined_before(text, tokens, first)
        if station and last > index and first == index and first > 0:
            # "BBC Radio Leeds": the broadcaster's acronym opens its station's name.
            first -= tokens[first - 1].kind == ACRONYM
        start, end = tokens[first].start, tokens[last].end
        while segments and segments[-1].is_acronym and segments[-1].start >= start:
            segments.pop()  # "NHS" is part of "Calder Valley Hospitals NHS Trust"
        generic = lone_kind and last == index
        if generic:
            start, end = _kind_with_its_words(text, tokens, index)
            generic = (start, end) == (token.start, token.end)
            if segments and segments[-1].is_acronym and segments[-1].start == start:
                segments.pop()  # "BBC" is part of "BBC News"
        segments.append(OrganisationSegment(start, end, text[start:end], False, generic=generic))
        index = last + 1
    return segments


def _opens_with_royal_founder(tokens: list[Token], first: int) -> bool:
    """Whether the token before `first` is a royal title in the possessive ("King's"),
    which opens the name of a body founded under it ("King's College", "Prince's Trust")."""
    return (
        first > 0
        and tokens[first - 1].possessive
        and tokens[first - 1].text in _ROYAL_FOUNDERS
        and (first < 2 or tokens[first - 2].kind == STOP)
    )


def _ends_with_its_city(tokens: list[Token], index: int) -> bool:
    """Whether the place at `index` ends the run right after a college or a university, as
    the city such a body stands in ends its name ("University College London", "Queen's
    University Belfast"); a nationality there ("University College Irish") describes
    something else."""
    place = tokens[index]
    return (
        index + 1 == len(tokens)
        and place.kind == PLACE
        and not place.text.isupper()
        and place.text.lower() in lexicon.PLACE_WORDS
        and place.text.lower() not in _DEMONYMS
        and tokens[index - 1].text.lower() in _ACADEMIC_KINDS
    )


def _names_a_thing(text: str, segment: OrganisationSegment, run_start: int) -> bool:
    """Whether a one-word organisation name only describes the lower-case noun after it, a
    security or a size of a thing: "Treasury yields", "US Treasury bonds", "an AA battery".
    After "the" the word is the body itself, so "the Treasury bonds" would not be read so."""
    return (
        " " not in segment.text
        and _THING_AFTER.match(text, segment.end) is not None
        and not _ARTICLE_END.search(text, max(0, run_start - 5), run_start)
    )


def _acronym_and_country(tokens: list[Token], index: int) -> bool:
    """Whether an acronym and the name of a country or a region after it end the run after
    no more than a word such as "The", as a body names its arm for one nation ("NHS
    England", "BBC Scotland"), where a nationality ("BBC Russian") or a point of the compass
    ("BBC North") only describes what follows."""
    if (
        len(tokens) != index + 2
        or tokens[index].possessive
        or any(token.kind != STOP for token in tokens[:index])  # "An NHS England spokesman"
    ):
        return False
    place = tokens[index + 1]
    lower = place.text.lower()
    return (
        place.kind == PLACE
        and not place.text.isupper()
        and lower in lexicon.PLACE_WORDS
        and lower not in _PLACE_ADJECTIVES
        and lower not in _DEMONYMS
    )


def _acronym_opens_name(tokens: list[Token], acronym: int, head: int) -> bool:
    """Whether an acronym is the first word of the organisation name headed at `head`: before
    a company's legal form ("MMG Ltd"), or opening the run before a plain name word that
    qualifies the head ("ISRO Satellite Centre", "NASA Goddard Space Flight Center"), as a
    body names its parts. Before a department's words it is a body of its own ("UN Security
    Council": the UN and its council)."""
    if acronym + 1 == head:
        return tokens[head].text.lower() in _CORPORATE_SUFFIXES
    return acronym == 0 and tokens[acronym + 1].kind == NAME


def _title_ends_name(tokens: list[Token], index: int) -> bool:
    """Whether a title after "of" ends an organisation's name as its remit ("International
    Court of Justice", "High Court of Justiciary"), rather than opening a person's title
    after the name ("Department of Justice Inspector General Michael Horowitz")."""
    return tokens[index].kind == TITLE and (
        index + 1 == len(tokens) or tokens[index + 1].kind in (CONNECTOR, ORG)
    )


def _joined_before(text: str, tokens: list[Token], first: int) -> int:
    """Where an organisation name headed by a kind of organisation starts when "and" joins
    one or two common words before it into the name: "Securities and Exchange Commission",
    "Food and Drug Administration", "Foreign and Commonwealth Office". A word is taken as
    common if it names a department's field ("Finance"), ends as abstract nouns do
    ("Immigration"), stands in lower case elsewhere in the text ("food") or follows "the" or
    a country's acronym, as a nation's body is named ("the US Fish and Wildlife Service");
    after such a word in lower case the name may open with a place ("Mid Derwen Fire and
    Rescue Service"). Otherwise "and" joins two names, a person or a firm before it
    ("Clinton and State Department", "Viacom and Sony Pictures"), as it does before a place
    word ("Lufthansa and British Airways") and before a name that is no kind of organisation
    ("Arsenal and Manchester United")."""
    connector = first - 1
    if (
        connector < 1
        or tokens[connector].text not in _JOINING_CONNECTORS
        or tokens[first].kind == PLACE
    ):
        return first
    before = tokens[connector - 1]
    lower = before.text.lower()
    common = (
        before.kind == DEPARTMENT
        or lower.endswith(_COMMON_NOUN_ENDINGS)
        or re.search(rf"(?<![\w’'\-]){re.escape(lower)}(?![\w’'\-])", text) is not None
    )
    # Before a common word the name may open with the place the body serves, in up to two
    # more words: "Mid Derwen Fire and Rescue Service", "West Midlands Fire and Rescue".
    reach, kinds = (4, (NAME, DEPARTMENT, PLACE)) if common else (2, (NAME, DEPARTMENT))
    start = connector
    while (
        start > 0
        and connector - start < reach
        and tokens[start - 1].kind in kinds
        and not tokens[start - 1].text.isupper()  # "US Food and Drug Administration"
        and not tokens[start - 1].possessive
        and not is_given_name(tokens[start - 1].text)
    ):
        start -= 1
    if start == connector or (start > 0 and tokens[start - 1].kind in (NAME, DEPARTMENT, ORG)):
        return first
    if (
        common
        or _ARTICLE_END.search(text, max(0, tokens[start].start - 5), tokens[start].start)
        or (start > 0 and tokens[start - 1].kind == PLACE and tokens[start - 1].text.isupper())
    ):
        return start
    return first


def _named_of_place(text: str, tokens: list[Token], first: int) -> bool:
    """Whether the organisation name starting at `first` with a place ("America Securities")
    goes on to its left over "of" and the word opening the run: "Banc of America
    Securities". Not a person's surname ("Walsh of British Airways"): a given name or a
    title before it, or a capitalised word before it anywhere in the text, says so."""
    if first != 2 or tokens[1].text != "of" or tokens[2].kind != PLACE or tokens[2].text.isupper():
        return False
    word = tokens[0]
    if word.kind != NAME or word.possessive or is_given_name(word.text):
        return False
    surname = re.compile(rf"[{_UPPER}][\w’'\-]*[ \u00a0]+{re.escape(word.text)}\b")
    return surname.search(text) is None


def _kind_with_its_words(text: str, tokens: list[Token], index: int) -> tuple[int, int]:
    """The span of a lone kind of organisation with the words that make it one organisation,
    which the qualifiers of longer names do not take in: an acronym, a title or a place
    acronym before it ("BBC News", "Premier League", "General Motors", "US Army"), a number
    word on either side ("Six Nations", "League One", "Group of Eight"), a title after "of"
    ("Ministry of Justice") or a digit after it ("Radio 4"). Without them, or when a name
    follows that the kind only qualifies ("Chief Police Officers"), the token's own span."""
    token = tokens[index]
    start, end = token.start, token.end
    following = tokens[index + 1 : index + 3]
    if following and following[0].kind == NAME:
        return start, end
    if index > 0 and not tokens[index - 1].possessive:
        previous = tokens[index - 1]
        if (
            previous.kind in (ACRONYM, TITLE)
            or (previous.kind == PLACE and previous.text.isupper())
            or previous.text.lower() in _NUMBER_WORDS
        ):
            start = previous.start
    if following and following[0].text.lower() in _NUMBER_WORDS:
        end = following[0].end
    elif (
        len(following) == 2
        and following[0].text == "of"
        and (following[1].kind == TITLE or following[1].text.lower() in _NUMBER_WORDS)
    ):
        end = following[1].end
    elif index + 1 == len(tokens) and (digit := _DIGIT_AFTER.match(text, end)):
        end = digit.end()
    return start, end


def initials(name: str) -> str:
    """The capitals an acronym takes from a name: "NSC" for "National Security Council"."""
    return "".join(
        word[0].upper()
        for word in name.replace("-", " ").split()
        if word.lower() not in _INITIAL_SKIP
    )


def abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` can stand for `name`. Its capitals and digits must be the initials of
    the name's words, joining words left out; a hyphenated word gives one initial or one per
    part ("OECD" for "... Co-operation and Development", "ADL" for "Anti-Defamation League"),
    a number word gives a digit ("G7"), and an acronym of three letters or more may stop short
    of the name's last words ("CDC" for "Centers for Disease Control and Prevention"). Its
    lower-case letters are joining words the acronym keeps, as in "MoD"."""
    letters = _DIGITS.sub("#", "".join(ch for ch in acronym if ch.isupper() or ch.isdigit()))
    if len(letters) < 2:
        return False
    words = [word for word in name.split() if word.lower() not in _INITIAL_SKIP]
    by_word = "".join(_initial(word) for word in words)
    by_part = "".join(_initial(part) for word in words for part in word.split("-") if part)
    return letters in (by_word, by_part) or (len(letters) >= 3 and by_part.startswith(letters))


def _initial(word: str) -> str:
    return "#" if word.lower() in _NUMBER_WORDS else word[0].upper()


def _abbreviated_from(tokens: list[Token], acronym: str) -> int | None:
    """The first token of the longest stretch ending the run that the bracketed `acronym`
    after it abbreviates. A given name cannot open it: "John F. Kennedy (JFK)" is a person."""
    for index, token in enumerate(tokens):
        if token.kind in (CONNECTOR, STOP, HONORIFIC, TITLE):
            continue
        if token.text.lower() in lexicon.GIVEN_NAME_GENDER:
            continue
        if index + 1 < len(tokens) and abbreviates(
            acronym, " ".join(word.text for word in tokens[index:])
        ):
            return index
    return None


def _shouted_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes words in capitals for emphasis rather than as acronyms: three
    or more in a row ("CAN THEY SAVE THEMSELVES?"), two that make a line of their own
    ("GIRLS SOCCER", "NISSAN SENTRA"), or two beside a word no acronym is ("WINS", a long
    "VIZZION")."""
    spans = []
    for match in _CAPITALS_RUN.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        if (
            before[-1:].isalnum()
            or before[-1:] == "."
            or (before[-1:] in _WORD_JOINERS and before[:1].isalnum())
        ):
            continue  # inside a word: "iPHONE X", "O'NEILL"
        words = [
            word
            for word in re.findall(_CAPITALS_WORD, match.group())
            if sum(ch.isalpha() for ch in word) >= 2
        ]
        if len(words) < 2:
            continue
        if (
            len(words) >= 3
            or any(_is_word_in_capitals(word) for word in words)
            or (
                not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip(" \t'‘“\"")
                and _LINE_REST.match(text, match.end())
            )
        ):
            spans.append(match.span())
    return spans


def _is_word_in_capitals(word: str) -> bool:
    letters = word.replace("’", "").replace("'", "")
    return (letters.isalpha() and len(letters) > 6) or word.lower() in _WORDS_IN_CAPITALS


def _names_a_model(text: str, tokens: list[Token], segment: OrganisationSegment) -> bool:
    """Whether a code with digits that is no product code by its look names a model here:
    after its maker's name in the same run ("Dell G3", "Nighthawk X4")."""
    previous = [token for token in tokens if token.end <= segment.start]
    return bool(previous) and previous[-1].kind in (NAME, ORG) and not previous[-1].possessive


def _acronyms_of_terms(text: str) -> set[str]:
    """Acronyms the text gives for lower-case terms rather than names, before or after the
    words they abbreviate: "binge eating disorder (BED)", "FIRE (financial independence,
    retire early)"."""
    terms = set()
    for match in _BRACKETED.finditer(text):
        inside = match.group(1)
        if _BRACKETED_ACRONYM.fullmatch(inside):
            letters = "".join(ch for ch in inside if ch.isalpha())
            words = _words_of(text[max(0, match.start() - 80) : match.start()])
            used = words[len(words) - len(letters) :]
            if len(used) == len(letters) and used[-1].islower() and _initials_of(used) == letters:
                terms.add(inside)
        elif inside[0].islower():
            acronym = _ACRONYM_BEFORE.search(text, max(0, match.start() - 8), match.start())
            if acronym and _initials_of(_words_of(inside)) == acronym.group(1):
                terms.add(acronym.group(1))
    return terms


def _words_of(text: str) -> list[str]:
    return [word for word in re.findall(r"[\w’'\-]+", text) if word.lower() not in _INITIAL_SKIP]


def _initials_of(words: list[str]) -> str:
    return "".join(word[0] for word in words).upper()


def _doubtful_acronym(text: str, acronym: str) -> bool:
    """Whether an acronym may be no organisation's: a code with digits in it ("RAV4",
    "AC1200", "Q2"), short of a group of nations ("G7") or a broadcaster's channel whose
    acronym the text also writes alone ("ITV1"); a word the lexicon knows ("PLAY", "SEAN");
    or a word the text also writes in lower case ("BIG" and "big"). Well-known organisations
    so named are none of these ("WHO", "U2")."""
    letters = acronym.replace(".", "")
    if letters in lexicon.WELL_KNOWN_ORGANISATIONS:
        return False
    if any(ch.isdigit() for ch in letters):
        if _GROUP_OF.fullmatch(letters):
            return False
        channel = _CHANNEL.fullmatch(letters)
        return channel is None or (
            channel.group(1) not in lexicon.BROADCASTERS
            and not re.search(rf"(?<![\w\-]){channel.group(1)}(?![\w\-])", text)
        )
    if letters.lower() in _WORDS_IN_CAPITALS:
        return True
    if not letters.isalpha():
        return False
    lower = letters.lower()
    position = text.find(lower)
    while position != -1:
        end = position + len(lower)
        before, after = text[position - 1 : position], text[end : end + 2]
        if not (before.isalnum() or before in _WORD_JOINERS or before in "./@") and not (
            after[:1].isalnum()
            or after[:1] in _WORD_JOINERS
            or after[:1] == "."
            and after[1:].isalpha()
        ):
            return True  # not inside a word or an address ("klook.com")
        position = text.find(lower, end)
    return False


def _result_sides(text: str) -> set[tuple[int, int]]:
    """The spans of the two sides of a result on a line of its own, as a match report heads
    it ("Ashdown Athletic 3 Millbrook Town 2", "Ashdown Athletic 3-2 Millbrook Town"): each
    names a club or a team, whatever words it has."""
    sides: set[tuple[int, int]] = set()
    for match in _RESULT_LINE.finditer(text):
        for group in (1, 2, 3):
            if match.group(group):
                sides.add(match.span(group))
    return sides


def _named_as_a_whole(
    text: str, tokens: list[Token], side_or_agency: bool, before_ticker: bool
) -> int | None:
    """Where a run that is one organisation's name starts, though no word in it is a kind
    of organisation: a side in a result or a news agency in a dateline's brackets
    ("(Wireline) - "), a company before its stock ticker ("Kodak <EK>"), or plain name words
    before "UK", as British bodies and the British arms of firms are named ("Alzheimer's
    Research UK", "Age UK", "Amazon UK"), where no person's name ends in a country; a word
    opening a sentence there must recur with "UK", as a name does. None for any other run,
    or when a given name opens the words."""
    if not side_or_agency and not before_ticker and tokens[-1].text != "UK":
        return None
    first = 0
    while first < len(tokens) and tokens[first].kind == STOP:
        first += 1  # "The", opening the run
    words = tokens[first:]
    if not words or (is_given_name(words[0].text) and not before_ticker):
        return None
    if (
        before_ticker
        and len(words) > 2
        and words[0].text in ("Shares", "Stock")
        and words[1].text == "of"
    ):
        return first + 2  # "Shares of Ford Motor Co <F>": the words about it, then the company
    if side_or_agency or before_ticker:
        return first
    if (
        len(words) < 2
        or words[-1].text != "UK"
        or not all(word.kind in (NAME, DEPARTMENT, ORG) for word in words[:-1])
        or any(word.possessive for word in words[1:])
    ):
        return None
    name = text[words[0].start : words[-1].end]
    if _starts_sentence(text, words[0].start) and not words[0].possessive and text.count(name) < 2:
        return None  # "Previous UK winners": a word opening a sentence, before "UK" as an adjective
    return first


def analyse_runs(text: str) -> list[tuple[int, int, RunAnalysis]]:
    """Every capitalised run in the text with its candidate names and organisations."""
    analysed = []
    # Acronyms the text has defined so far, so that "MoD", read as a name on its own, is the
    # acronym after "Ministry of Defence (MoD)".
    defined: set[str] = set()
    # Names the text has introduced with their type ("oil firm Yukos").
    typed_names: set[str] = set()
    # Two lone surnames joined by "and" or "&", which may name a firm ("Ernst and Young").
    pairs: list[_Pair] = []
    trades = "hares" in text or "stock" in text  # "shares", "Shares"
    # The plain substring test first: the regex, with a word boundary before fifteen
    # alternatives, is slow to scan a text for, and most texts have none of the words.
    sporting = (
        any(word in text for word in _SPORTING_WORDS) and _SPORTING_TEXT.search(text) is not None
    )
    result_sides = _result_sides(text)
    datelines = []
    # The agency a dateline names in its brackets: "NEW YORK, March 14 (Wireline) - ".
    agencies = set()
    for dateline in _PARAGRAPH_DATELINE.finditer(text):
        datelines.append(dateline.span(1) if dateline.group(1) else dateline.span("place"))
        if dateline.group("agency"):
            agencies.add(dateline.span("agency"))
    shouted = _shouted_spans(text)
    terms = _acronyms_of_terms(text) if "(" in text else set()
    # Acronyms that may be words or codes, and by their name whether they are.
    acronyms: list[OrganisationSegment] = []
    doubtful: dict[str, bool] = {}
    tickers = [ticker.span() for ticker in _TICKER.finditer(text)] if "<" in text else []
    for run_start, run_end in _run_spans(text):
        if tickers and any(start < run_start < end for start, end in tickers):
            continue  # "C" in "<C>", "S" in "<CMAC.S>": a ticker's code names no one
        tokens = _tokens(text, run_start, text[run_start:run_end])
        if not tokens:
            continue
        for start, end in datelines:
            if start < run_end and run_start < end:  # only a run the dateline overlaps
                for token in tokens:
                    if start <= token.start < end:
                        token.kind = STOP
        club_word = _town_club_word(text, tokens, run_start) if sporting else None
        if club_word is not None:
            # "against Northgate City": in a sports report, the club of that town.
            tokens[club_word].kind = ORG
            for token in tokens[:club_word]:
                token.kind = NAME
        for index, token in enumerate(tokens[:2]):
            if (
                len(token.text) <= 4
                and token.text.replace(".", "") in lexicon.STATE_CODES
                and _names_state(text, tokens, index, run_start)
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
            for segment in _organisation_segments(text, tokens)
            if not _names_a_thing(text, segment, run_start)
        ]
        for segment in organisations:
            if segment.is_acronym and segment.text not in defined:
                acronyms.append(segment)
                name = segment.text
                if name not in doubtful:
                    doubtful[name] = _doubtful_acronym(text, name)
                if not doubtful[name] and any(ch.isdigit() for ch in name):
                    doubtful[name] = _names_a_model(text, tokens, segment)
                elif not doubtful[name]:
                    doubtful[name] = _MODEL_NUMBER_AFTER.match(text, segment.end) is not None
                if not doubtful[name] and _MEASURE_BEFORE.search(
                    text, max(0, segment.start - 12), segment.start
                ):
                    doubtful[name] = True  # "512GB SSD", "4K UHD": a product's specification
        if len(organisations) > 1:
            organisations = _with_doubtful_words_joined(organisations, doubtful)
        names = _name_segments(text, tokens, run_start)
        end = tokens[-1].end
        definition = _DEFINITION.match(text, end) if "(" in text[end : end + 3] else None
        first = _abbreviated_from(tokens, definition.group(1)) if definition else None
        if first is not None:
            # "Group of Seven (G7)", "Food and Agriculture Organization (FAO)": the acronym
            # says where the name starts, joining words and all. Whatever it names is not a
            # person; it is an organisation if an organisation word heads it, where "Human
            # Rights Watch (HRW)" may as well be a law or a treaty.
            start = tokens[first].start
            names = [segment for segment in names if not start <= segment.start < end]
            if any(token.kind == ORG for token in tokens[first:]):
                organisations = [o for o in organisations if o.end <= start]
                organisations.append(
                    OrganisationSegment(start, end, text[start:end], False, definition.group(1))
                )
                defined.add(definition.group(1))
        first_typed = 0
        typed_count = (
            _named_after_type(text, tokens, run_start)
            or (trades and _traded(text, tokens))
            or _has_officers(text, tokens)
        )
        if not typed_count and _type_opens_sentence(text, tokens, run_start):
            # "Carmakers Renault and Peugeot": the kind opens the sentence, the names follow.
            after_kind = _named_after_type(text, tokens[1:], tokens[1].start)
            first_typed, typed_count = 1, 1 + after_kind if after_kind else 0
        if typed_count:
            # "union Unison Dave Prentis": the organisation, then the name after it.
            start, end = tokens[first_typed].start, tokens[typed_count - 1].end
            kind_word = _WORD_BEFORE.search(text, max(0, start - 30), start)
            kind = kind_word.group(1).lower() if kind_word else None
            typed = [OrganisationSegment(start, end, text[start:end], False, kind=kind)]
            second_end = _second_of_plural_type(tokens, typed_count, kind)
            if second_end:
                # "electronics giants Hitachi and Matsushita": the plural types both names.
                second_start = tokens[typed_count + 1].start
                end = tokens[second_end - 1].end
                typed.append(
                    OrganisationSegment(second_start, end, text[second_start:end], False, kind=kind)
                )
                typed_count = second_end
            organisations = [o for o in organisations if not start <= o.start < end]
            organisations = sorted([*organisations, *typed], key=lambda o: o.start)
            names = _name_segments(text, tokens[typed_count:], run_start)
            typed_names.update(segment.text for segment in typed)
        whole = _named_as_a_whole(
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
        elif _workplace_after_role(text, tokens, run_start):
            # "chief economist at Halden Street Capital": where the person works.
            start, end = tokens[0].start, tokens[-1].end
            organisations = [OrganisationSegment(start, end, text[start:end], False)]
            names = []
            typed_names.add(text[start:end])
        names = [
            segment
            for segment in names
            if not any(o.start <= segment.start < o.end for o in organisations)
        ]
        analysis = RunAnalysis(names=names, organisations=organisations)
        analysed.append((run_start, run_end, analysis))
        pairs.extend(_surname_pairs(text, tokens, analysis))
    for segment in acronyms:
        segment.doubtful = doubtful[segment.text]
    if typed_names:
        _mentions_of_typed(analysed, typed_names)
    if pairs:
        _firms_named_for_founders(analysed, pairs)
    _firms_named_by_initials(text, analysed)
    _mentions_of_joined(text, analysed)
    return analysed


def _firms_named_by_initials(text: str, analysed: list[tuple[int, int, RunAnalysis]]) -> None:
    """Make two initials and a surname one firm's name where the text places someone at it:
    "analysts at JP Morgan", "Priya Menon of JP Morgan". Written without stops, initials
    before a surname may as well be a person's ("JD Vance said"), so it takes a place of
    work to tell; every other mention of the same words is then the firm too."""
    firms: set[str] = set()
    pairs = []
    for run_start, _run_end, analysis in analysed:
        for acronym in analysis.organisations:
            if not acronym.is_acronym or not 2 <= len(acronym.text) <= 3:
                continue
            name = next((n for n in analysis.names if n.start == acronym.end + 1), None)
            if name is None or len(name.tokens) != 1 or text[acronym.end] != " ":
                continue
            pairs.append((analysis, acronym, name))
            before = text[max(0, acronym.start - 40) : acronym.start]
            if (
                acronym.start == run_start and _AT_BEFORE.search(before)
            ) or _PERSON_OF_BEFORE.search(before):
                firms.add(text[acronym.start : name.end])
    for analysis, acronym, name in pairs:
        if text[acronym.start : name.end] not in firms:
            continue
        analysis.names.remove(name)
        analysis.organisations[analysis.organisations.index(acronym)] = OrganisationSegment(
            acronym.start, name.end, text[acronym.start : name.end], False
        )


def _mentions_of_joined(text: str, analysed: list[tuple[int, int, RunAnalysis]]) -> None:
    """Make every mention of an organisation name with "and" inside it that the text reads
    whole in one place ("the Food and Drug Administration") that name wherever else it
    stands, though the words there gave no sign of it ("Food and Drug Administration
    Commissioner Ann Lee", where "and" might as well join a person and a body, as in "Brenwick
    and State Department lawyers"): one name is not read two ways in one text."""
    joined = {
        organisation.text
        for _start, _end, analysis in analysed
        for organisation in analysis.organisations
        if " and " in organisation.text
    }
    for run_start, run_end, analysis in analysed:
        for name in joined:
            start = text.find(name, run_start, run_end)
            while start != -1:
                end = start + len(name)
                if (
                    (start == run_start or not text[start - 1].isalnum())
                    and (end == run_end or not text[end].isalnum())
                    and not any(o.start <= start and end <= o.end for o in analysis.organisations)
                ):
                    outside = [
                        o for o in analysis.organisations if o.end <= start or end <= o.start
                    ]
                    analysis.organisations = sorted(
                        [*outside, OrganisationSegment(start, end, name, False)],
                        key=lambda organisation: organisation.start,
                    )
                    analysis.names = [n for n in analysis.names if n.end <= start or end <= n.start]
                start = text.find(name, end, run_end)


def _workplace_after_role(text: str, tokens: list[Token], run_start: int) -> bool:
    """Whether a run of plain name words is where someone works, by the role before it: a
    role at a firm ("chief economist at Halden Street Capital", "analysts at Kessler Grant",
    "head of rates strategy at Brightwater") or an officer of it ("the headteacher of
    Bishopstoke Primary"). Only roles held in a firm or a body count: "mayor of Northgate"
    and "a friend of Alan Hale" name a place and a person. A given name opening the run, a
    possessive ("at Goldman's London office") or a place noun ending it ("at Kingsmead
    Park") says it is no firm's name."""
    if not _AT_OR_OF_BEFORE.search(text, max(0, run_start - 8), run_start) or any(
        token.kind not in (NAME, PLACE) or token.possessive or "." in token.text for token in tokens
    ):
        return False
    first, last = tokens[0].text, tokens[-1].text.lower()
    if token_class(first) != NAME or is_given_name(first) or last in lexicon.PLACE_WORDS:
        return False
    window = max(0, run_start - 60)
    role = _ROLE_AT_BEFORE.search(text, window, run_start) or _ROLE_OF_BEFORE.search(
        text, window, run_start
    )
    if role is None:
        return False
    if role.re is _ROLE_OF_BEFORE:
        return role.group(1) in _OFFICER_ROLES
    return role.group(1) in _WORKPLACE_ROLES


def _town_club_word(text: str, tokens: list[Token], run_start: int) -> int | None:
    """Where "City", "Town" or "County" ends a town's name opening a run, as clubs are named
    ("Northgate City on Saturday", "Millbrook Town", "Notts County"), in a text that reports
    on a sport; None otherwise. Not after a preposition of place ("in Carson City"), and not
    after a town the lexicon knows as a place, whose name it may be ("Mexico City", "New
    York City"), or a given name."""
    end = next((i for i, token in enumerate(tokens) if token.kind == CONNECTOR), len(tokens))
    if not 2 <= end <= 4 or tokens[end - 1].text not in ("City", "Town", "County"):
        return None
    if _PLACE_PREPOSITION_BEFORE.search(text, max(0, run_start - 10), run_start):
        return None
    if all(
        token_class(token.text) == NAME and not token.possessive and not is_given_name(token.text)
        for token in tokens[: end - 1]
    ):
        return end - 1
    return None


def _named_after_type(text: str, tokens: list[Token], run_start: int) -> int:
    """How many tokens opening a run name an organisation because a kind of business or body
    stands right before it, itself after a word that describes it ("oil firm Yukos",
    "anti-virus firm Sophos"); 0 if none. After a determiner, a pronoun or an auxiliary the
    noun may be a verb or the name a clause's subject ("to fund Zika", "the club Roman
    Abramovich bought", "one label Rubio resists"). A given name says a person is named
    instead ("film maker Ken Loach") or next ("union Unison Dave Prentis")."""
    if tokens[0].kind != NAME or text[run_start - 1 : run_start] != " ":
        return 0
    window = max(0, run_start - 16)
    noun_start = text.rfind(" ", window, run_start - 1) + 1
    if noun_start == 0 and window > 0:
        return 0  # no short word before the run
    noun = text[noun_start : run_start - 1]
    if _singular(noun.lower() if noun.istitle() else noun) not in lexicon.ORGANISATION_TYPES:
        return 0  # "oil firm Yukos", or a kind opening a sentence: "Carmakers Renault"
    before = _WORD_BEFORE.search(text, max(0, noun_start - 30), noun_start)
    describer = before.group(1).lower() if before else ""
    if (
        describer in lexicon.NOT_NAME_WORDS
        or describer in lexicon.COMMON_VERBS
        or is_given_name(tokens[0].text)
    ):
        return 0
    count = 1
    while not tokens[count - 1].possessive and count < len(tokens):
        following = tokens[count]
        if following.kind in _QUALIFIERS and not is_given_name(following.text):
            count += 1
        elif following.text in _TYPED_CONNECTORS or following.text == "the":
            # "advocacy group Americans for Prosperity", "Friends of the Earth", "Lock the Gate"
            joint = (
                2
                if following.text != "the"
                and tokens[count + 1 : count + 2]
                and (tokens[count + 1].text == "the")
                else 1
            )
            if count + joint < len(tokens) and tokens[count + joint].kind in _QUALIFIERS:
                count += joint + 1
            else:
                break
        else:
            break
    return count


def _type_opens_sentence(text: str, tokens: list[Token], run_start: int) -> bool:
    """Whether a plural kind of business or body opens the sentence with a capital before
    the names it types: "Carmakers Renault and Peugeot said", "Insurers Aviva and Admiral".
    Only its place capitalises the noun, so the run holds it, where mid-sentence it stands
    before the run. A singular kind may open a name of its own ("Team Sky", "Studio
    Ghibli", "Bank Rakyat")."""
    first = tokens[0]
    lower = first.text.lower()
    return (
        len(tokens) > 1
        and lower.endswith("s")
        and first.kind == NAME
        and not first.possessive
        and first.text.istitle()
        and _singular(lower) in lexicon.ORGANISATION_TYPES
        and _starts_sentence(text, run_start)
    )


def _second_of_plural_type(tokens: list[Token], typed_count: int, kind: str | None) -> int:
    """Where a second name ends when a plural kind of body stands before the first and "and"
    or "&" joins a second to it ("electronics giants Hitachi and Matsushita", "technology
    firms Earthlink and Webroot"): the plural types both. 0 otherwise, or when a given name
    follows "and", as a person may ("firms Acme and John Smith")."""
    if kind is None or _singular(kind) == kind or typed_count + 1 >= len(tokens):
        return 0
    if tokens[typed_count].text not in _JOINING_CONNECTORS or tokens[typed_count - 1].possessive:
        return 0
    end = typed_count + 1
    while (
        end < len(tokens)
        and tokens[end].kind in _QUALIFIERS
        and not is_given_name(tokens[end].text)
    ):
        end += 1
        if tokens[end - 1].possessive:
            break
    return end if end > typed_count + 1 else 0


def _names_state(text: str, tokens: list[Token], index: int, run_start: int) -> bool:
    """Whether a state or province code at `index` names a place: opening a run after a town
    and a comma ("Austin, TX", "SANTA FE, N.M. (AP)"), or ending one after "in" ("based in
    CA", "IN SD")."""
    if index == 0:
        return bool(
            _TOWN_AND_COMMA.search(text, max(0, run_start - 40), run_start)
            or (len(tokens) == 1 and _IN_BEFORE.search(text, max(0, run_start - 4), run_start))
        )
    return len(tokens) == 2 and tokens[0].text in ("in", "IN")


def _with_doubtful_words_joined(
    organisations: list[OrganisationSegment], doubtful: dict[str, bool]
) -> list[OrganisationSegment]:
    """Join a word in capitals that is doubtful alone to the organisation name it stands
    right before or after in the run: "SIX Swiss Exchange", "Groupe LAPS"."""
    joined: list[OrganisationSegment] = []
    for segment in organisations:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end + 1 == segment.start
            and previous.is_acronym != segment.is_acronym
            and doubtful.get((previous if previous.is_acronym else segment).text)
            and (previous if segment.is_acronym else segment).defines is None
        ):
            start, end = previous.start, segment.end
            name = previous.text + " " + segment.text
            joined[-1] = OrganisationSegment(start, end, name, False)
            continue
        joined.append(segment)
    return joined


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
        or firm[-1].lower() not in _CORPORATE_SUFFIXES
        or text.startswith(("'", "’"), second[1])
        or _LIST_BEFORE.search(text, max(0, first[0] - 6), first[0])
        or _LIST_AFTER.match(text, second[1])
    ):
        return False
    name = text[first[0] : second[1]]
    alone = re.compile(rf"(?<![\w’'\-]){re.escape(word)}(?![\w’'\-])")
    return len(alone.findall(text)) == text.count(name)


def _singular(noun: str) -> str:
    """A plural noun in the singular, for the plural of a kind of body before names:
    "technology firms Earthlink and Webroot", "electronics giants Hitachi", "companies"."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _after_type(text: str, start: int) -> bool:
    """Whether a lower-case noun for a kind of body stands right before `start`."""
    noun = _WORD_BEFORE.search(text, max(0, start - 20), start)
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


def _traded(text: str, tokens: list[Token]) -> int:
    """How many tokens name a company because its shares trade: a run of plain name words
    before "shares" or "stock" and a verb ("Baoshan stock climbed", "Ericsson shares
    dropped"), or after "shares in" or "shares of"; 0 if none. A person's name does not
    open such a run; "Woods shares the lead" has no verb after the noun. In a text on
    trading a company's name also moves by a percentage on its own ("Calder Homes fell 6.2
    percent"), where an index has "the" before it ("the Nikkei fell 2 percent") and a
    commodity opens a sentence alone ("Copper rose 2 percent")."""
    if tokens[0].kind != NAME or is_given_name(tokens[0].text):
        return 0
    count = 1
    while count < len(tokens) and tokens[count].kind in _QUALIFIERS:
        if tokens[count - 1].possessive:
            break
        count += 1
    if any(token.kind == NAME and is_given_name(token.text) for token in tokens[:count]):
        return 0
    end = tokens[count - 1].end
    if (count == len(tokens) or tokens[count - 1].possessive) and _TRADED_AFTER.match(text, end):
        return count
    if (
        count == len(tokens)
        and _MOVED_BY_PERCENT.match(text, end)
        and not _ARTICLE_END.search(text, max(0, tokens[0].start - 4), tokens[0].start)
        and (count > 1 or not _starts_sentence(text, tokens[0].start))
    ):
        return count
    start = tokens[0].start
    traded = _TRADED_BEFORE.search(text, max(0, start - 12), start) and _TRADE_VERB.match(text, end)
    return count if traded else 0


def _has_officers(text: str, tokens: list[Token]) -> int:
    """1 when a run of one plain name word is a company's or a club's because its officers or
    owners follow it ("Fiat chairman", "Enron's shareholders"), else 0. A given name says the
    word is a person's ("Jane's boss")."""
    if len(tokens) != 1 or tokens[0].kind != NAME or is_given_name(tokens[0].text):
        return 0
    if tokens[0].text.lower() in lexicon.ORGANISATION_TYPES and _starts_sentence(
        text, tokens[0].start
    ):
        return 0  # "Charity boss Gordon Lishman": a kind of body, capitalised to open a sentence
    return 1 if _OFFICERS_AFTER.match(text, tokens[0].end) else 0


@dataclass
class _Pair:
    """Two lone capitalised words joined by "and" or "&" in one run."""

    start: int
    end: int
    text: str
    words: tuple[str, str]
    ampersand: bool
    singular: bool  # a singular verb, "which" or a possessive after it: one thing, not two
    analysis: RunAnalysis
    context: str  # the words before it, to tell a pair said twice from one sentence repeated


def _surname_pairs(text: str, tokens: list[Token], analysis: RunAnalysis) -> list[_Pair]:
    """Two lone name words joined by "and" or "&" that no title or given name marks as
    people: "Ernst and Young", "Marks & Spencer", but not "Mr Blair and Brown"."""
    pairs = []
    for index in range(len(tokens) - 2):
        first, joint, second = tokens[index : index + 3]
        if (
            joint.text not in _JOINING_CONNECTORS
            or first.kind != NAME
            or second.kind != NAME
            or first.possessive
            or (index > 0 and tokens[index - 1].kind in (NAME, HONORIFIC, TITLE))
            or (
                index + 3 < len(tokens) and tokens[index + 3].kind == NAME and not second.possessive
            )
            or is_given_name(first.text)
            or is_given_name(second.text)
            or min(len(first.text), len(second.text)) == 1  # "R & B": letters, no founders
            or any(  # "Bramley & Hunt Ltd": the pair is inside a firm's name found already
                o.start <= first.start and second.end <= o.end for o in analysis.organisations
            )
        ):
            continue
        singular = bool(
            _ONE_THING_AFTER.match(text, second.end)
            or (second.possessive and _OWNS_SOMEONE.match(text, second.end + 2))
        )
        pairs.append(
            _Pair(
                first.start,
                second.end,
                text[first.start : second.end],
                (first.text, second.text),
                joint.text == "&",
                singular,
                analysis,
                _words_before(text, first.start),
            )
        )
    return pairs


def _words_before(text: str, start: int) -> str:
    """Up to 30 characters before a position, within its line."""
    line_start = text.rfind("\n", max(0, start - 30), start) + 1
    return text[max(line_start, start - 30) : start]


def _firms_named_for_founders(analysed: list[tuple[int, int, RunAnalysis]], pairs: list[_Pair]):
    """Make a pair of surnames an organisation when neither word names anyone on its own
    anywhere in the text and the pair is one thing: joined by "&", said twice, or followed
    by a singular verb, "which" or a possessive ("Ernst and Young has been fined", "Ernst and
    Young's Sanjay Mehta"). People are named in full or with a title somewhere; a firm named
    for its founders keeps the two words together."""
    inside = [(pair.start, pair.end) for pair in pairs]
    elsewhere = {
        token
        for _start, _end, analysis in analysed
        for segment in analysis.names
        if not any(start <= segment.start < end for start, end in inside)
        for token in segment.tokens
    }
    # Said twice in different words: a standfirst repeating the body's first sentence, or a
    # recipe's heading over each of its steps, says a thing once.
    said = Counter(text for text, _context in {(pair.text, pair.context) for pair in pairs})
    firms = {
        pair.text
        for pair in pairs
        if (pair.ampersand or pair.singular or said[pair.text] > 1)
        and not elsewhere.intersection(pair.words)
    }
    for pair in pairs:
        if pair.text not in firms:
            continue
        analysis = pair.analysis
        analysis.names = [s for s in analysis.names if not pair.start <= s.start < pair.end]
        analysis.organisations = sorted(
            [*analysis.organisations, OrganisationSegment(pair.start, pair.end, pair.text, False)],
            key=lambda organisation: organisation.start,
        )


def is_given_name(word: str) -> bool:
    """A given name the lexicon knows, or whose first part it knows ("Jeanne-Marie")."""
    return word.split("-", 1)[0].lower() in lexicon.GIVEN_NAME_GENDER


def _mentions_of_typed(analysed: list[tuple[int, int, RunAnalysis]], typed: set[str]) -> None:
    """Make every other mention of an organisation named after its type an organisation too:
    "Yukos said" and the headline's "Yukos" once the text has said "oil firm Yukos". Not a
    word the text also gives as a person's surname ("Marco Rubio"): the type noun was read
    wrongly, and one misreading must not turn every "Rubio" into an organisation."""
    surnames = {
        segment.tokens[-1]
        for _start, _end, analysis in analysed
        for segment in analysis.names
        if len(segment.tokens) > 1
    }
    typed = typed - surnames
    for _start, _end, analysis in analysed:
        mentions = [
            segment for segment in analysis.names if segment.text in typed and not segment.titled
        ]
        if not mentions:
            continue
        analysis.names = [
            segment for segment in analysis.names if segment.text not in typed or segment.titled
        ]
        analysis.organisations = sorted(
            [
                *analysis.organisations,
                *(OrganisationSegment(s.start, s.end, s.text, False) for s in mentions),
            ],
            key=lambda organisation: organisation.start,
        )
