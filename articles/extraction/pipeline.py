"""`extract()`: one pass over an article that ties quotes, speakers, people and organisations.

The order matters. Quotes and their attribution phrases are found first, because being the
subject of a speech verb is evidence that a capitalised name is a person. Then the people and
organisation registries are built over all name mentions. Last, quotes are walked in text
order with the indirect speech events between them, so a pronoun ("he said") or an
unattributed continuation quote resolves to the speaker most recently in view.
"""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import lexicon
from .attribution import (
    Attribution,
    attribution_after,
    attribution_before,
    attribution_below,
    attribution_by_colon,
    attribution_by_dash,
    clause_subject,
    label_before,
    possessor_label,
    speech_event,
    verb_follows,
)
from .lexicon import word_set
from .name_context import (
    CAPITALISED_NEXT,
    OPENERS,
    contains_word,
    glued,
    is_complement,
    is_headline,
    modifies_role,
    names_place_or_its_people,
    reads_as_verb,
)
from .names import (
    describes_name,
    is_brand,
    is_given_name,
    is_person_noun,
    may_open_with_common_word,
)
from .organisations import OrganisationRegistry
from .people import (
    Person,
    PersonRegistry,
    apposition_role,
    names_places,
    premodifier_role,
    role_gender,
)
from .quotes import (
    QuotedSpan,
    find_quoted_spans,
    is_label,
    looks_like_title,
    with_doubled_marks_as_one,
    word_count,
)
from .results import ExtractionResult, OrganisationFound, PersonFound, QuoteFound
from .runs import analyse_runs
from .speakers import CORE_STOP, Speaker, epithet_pronouns, fits_pronoun, unnamed_source
from .tokens import ACRONYM, ARTICLE_END, DEPARTMENT, ORG, PLACE, NameSegment, token_class

_SENTENCE_END = re.compile(rf"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[{lexicon.UPPER_LETTERS}])|\n+")
_ABBREVIATION_BEFORE = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Prof|Rev|St|Jr"
    r"|Sr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|U\.S|U\.K|U\.N|D\.C)\.$"
)
_WINDOW = 320
_SHORT_WINDOW = 40
# The next word with any apostrophe in it, so that a negated verb reads whole: "wouldn’t".
_WORD_AFTER = re.compile(r"[ \u00a0]+([\w’'\-]+)")
# A comma between digits, which separates thousands rather than phrases: "10,000m".
_THOUSANDS_COMMA = re.compile(r"\d,\d")
# A number, or a measure, after a name and before the noun it qualifies: "10,000m", "2005".
_NUMBER_AFTER = re.compile(r"[ \u00a0]+\d[\d,.]*[a-z]*(?=[ \u00a0])")
# A quote closing on a question or an exclamation, which its attribution may follow.
_QUOTE_ASKS_OR_EXCLAIMS = re.compile(r"[?!][\"”’']\s+$")
_CLOSING_SINGLE = "’'"
# What ends an unnamed source's description: an aside after a comma ("another analyst, who
# asked not to be named"), a relative clause, which mostly says why the source is unnamed ("a
# Mexican official who was not authorized to speak"), or words saying when or how it spoke ("a
# spokesman on Tuesday", "a source speaking to Fox News"). What places the source stays: "a
# senior official involved in the talks", "a staffer in the room".
_DESCRIPTION_CUT = re.compile(
    r"\s*,.*$|\s+(?:who|whom|whose|which|that|speaking|when|while|during|after|before|"
    r"yesterday|today|tonight|earlier|later|(?:on|last|this|next)\s+(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|morning|afternoon|"
    r"evening|night))\b.*$",
    re.DOTALL | re.IGNORECASE,
)
# Words opening a speaker phrase that describes a source without naming it: "a", "another",
# "several". Written in lower case in the description, as mid-sentence.
_UNNAMED_OPENERS = lexicon.QUANTIFIERS | word_set("a an one another")
# Where someone lives, as court and crime reports give it after a name, up to the comma
# before the area: "of 14 Mill Lane, Ballyvale,". "Outside Downing Street, Johnson said"
# names a place, not an address, so "of" must open it.
_ADDRESS_STREET_BEFORE = re.compile(
    r"\bof (?:\d+[A-Za-z]? )?(?:[A-Z][\w'’-]* )+"
    r"(?:Road|Street|Avenue|Lane|Drive|Close|Crescent|Terrace|Grove|Gardens|Row), $"
)
# What follows a barrister's name in court reports: senior counsel's letters, or the side
# they act for.
_BARRISTER_AFTER_NAME = re.compile(r"(?: (?:SC|QC|KC)\b|, (?:defending|prosecuting)\b)")
_DESCRIPTION_OPENERS = _UNNAMED_OPENERS | {"the"}


# A verb of publication, or a written statement, around a speaker phrase: what a newspaper, a
# broadcaster or a club does ("Politico reported", "Arsenal said in a statement", "reported
# the Economic Observer"), and a person seldom does under a bare surname.
_STATES_AFTER = re.compile(
    r"[ \u00a0]+(?:report(?:ed|s)\b|(?:said|says|added)[ \u00a0]+in[ \u00a0]+a[ \u00a0]+"
    r"(?:[a-z]+[ \u00a0]+)?statement\b)"
)
_REPORTED_BEFORE = re.compile(r"\breport(?:ed|s)[ \u00a0]+$")
# "of" and any "the" after a name, before the organisation the person is from.
_OF_AFTER = re.compile(r",?[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?")
# A word counting a group right before a name, which is then the group's ("Most Gibraltarians
# said", "several Britons"). Not "both", which counts the names after it ("Both Blair and
# Brown").
_GROUP_QUANTIFIERS = "|".join(sorted(lexicon.QUANTIFIERS - {"both"}))
_QUANTIFIER_BEFORE = re.compile(rf"\b(?:{_GROUP_QUANTIFIERS})[ \u00a0]+$", re.IGNORECASE)
# A determiner or a possessive pronoun after a capitalised word in "-ing", which is then a
# participle taking an object, as titles of works have it ("Touching the Void").
_DETERMINER_AFTER = re.compile(r"[ \u00a0]+(?:the|a|an|his|her|their|its|my|your|our)\b")
# Prepositions of place: a name ending in a place noun after one is the place ("in Victoria
# Park", "on George Street").
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|near|along|off|outside|inside)[ \u00a0]+$")
# The role word and comma before a name set off in apposition: "leader, " in "The opposition
# leader, Declan O'Neill, said".
_ROLE_AND_COMMA = re.compile(r"\b([a-z]+),[ \u00a0]+$")
# A comma and the spaces after it, which every role set off before a name ends with.
_COMMA_AND_SPACES = re.compile(r",[ \u00a0]+")
# The same with the role written with a capital, as a title or an acronym is ("The Home
# Secretary, ", "The local MP, ", "Scotland's First Minister, "), after a determiner or a
# possessive that makes it a common noun phrase rather than a name or a place ("In
# Washington, ").
_DETERMINED_ROLE_AND_COMMA = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ur|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[A-Z][\w\-]*[’']s)[ \u00a0]+"
    r"((?:[\w\-’']+[ \u00a0]+){0,3}([A-Z][A-Za-z]*)),[ \u00a0]+$"
)
# The same with the role's remit in lower case: "the chairman of the formation committee, "
# in "the chairman of the formation committee, Pat Elmer, said".
_ROLE_REMIT_AND_COMMA = re.compile(
    r"\b([a-z]+)[ \u00a0]+(?:of|for|at)[ \u00a0]+(?:the[ \u00a0]+)?(?:[a-z\-]+[ \u00a0]+){0,2}"
    r"[a-z\-]+,[ \u00a0]+$"
)
# A relative clause set off after a speaker phrase's head: ", who visited the site,".
_RELATIVE_CLAUSE = re.compile(r",[ \u00a0]+(?:who|whom|whose|which)\b")
# Kin owned by a name: "Mrs Carrow's family", "Hale's widow".
_KIN_AFTER = re.compile(
    r"[’']s?[ \u00a0]+(?:family|families|relatives|parents|children|widow|widower|son|daughter"
    r"|sons|daughters|brother|sister|mother|father|wife|husband)\b"
)
# An age set off after a name, which only people have: "Jones, 45, arrived".
_AGE_AFTER = re.compile(r",[ \u00a0]+\d{1,3},")
# An age given by a verb after a name, as features introduce a person: "Ann Vale is 71 and
# has just published her first novel". A price or a count goes on to a noun or to more digits
# ("is 71 points", "is 7,500"), which this does not take, and "was" only takes "years old":
# "Brent Crude was 80, up 2%".
_AGE_STATED = re.compile(
    r"[ \u00a0]+(?:(?:is|turns|turned)[ \u00a0]+\d{1,3}(?:[ \u00a0]+and\b|[,.;](?!\d))"
    r"|(?:is|was|turns|turned)[ \u00a0]+\d{1,3}[ \u00a0]+years?[ \u00a0]+old\b)"
)
# A relative clause for one person set off after a name, its verb in the singular: ", who
# runs the island's shop", ", who was born". A team or a band takes the plural: ", who are".
_WHO_AFTER = re.compile(
    r",[ \u00a0]+who[ \u00a0]+(?:(?:also|now|still|once|later|then|[a-z]+ly)[ \u00a0]+)?"
    r"(?:is|was|has|does|[a-z]+[^s\W]s)\b"
)
# "He" or "she" opening a sentence as its subject, a verb in the past after it: "He then
# listed", "She urged". Not when the sentence names where the words come from, whose words
# they are: "She forwarded an email from her deputy, Ann Roe, that read:".
_PRONOUN_SUBJECT = re.compile(r"\s*(He|She)\s+(?:[a-z]+ly\s+|then\s+|also\s+)?[a-z]+ed\b")
_NAMED_SOURCE = re.compile(rf"\bfrom\s[^.:;\"“]{{0,40}}?\b[{lexicon.UPPER_LETTERS}]")
# What stands between a speaker phrase's head and a name set off after it: ", ", ", the ".
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:the\s+)?")
# A member's letters after a name, which only people have: "Delia Ormsby MP".
_MEMBER_AFTER = re.compile(r"[ \u00a0]+M(?:P|EP|SP|LA)\b")
_OBJECT_MARKERS = word_set(
    """
    in at on of for with to from by about against after before during under over into like than
    between among toward towards that which who whom whose if when whether because although
    though while since as until unless where and or but called named
    """
)
# Prepositions that open a sentence with a phrase a comma closes before its subject.
_OPENING_PREPOSITIONS = word_set(
    "in at on for with from by about against after before during under over like since"
)
# Words that follow a participle opening a sentence ("Speaking in Harlem,", "Asked whether
# ...,", "Addressing the crowd,"), where an adjective has a noun after it ("Retired teacher").
_PARTICIPLE_OBJECTS = _OPENING_PREPOSITIONS | word_set("to the a an his her their whether if")
# A speech verb closing a sentence of reported speech, before or after its speaker:
# "..., said Hale." and "..., Hale said."
_SPEECH_VERB_BEFORE = re.compile(r",[ \u00a0]+([a-z]+)[ \u00a0]+$")
_SPEECH_VERB_AFTER = re.compile(r"[ \u00a0]+([a-z]+)[ \u00a0]*[.;]")
# After a name, words describing it as a thing: the rest of its capitalised run, then a comma
# and "which", or an apposition after "a", "an" or "the" (group 2), closed by punctuation.
_DESCRIBED_AS_THING = re.compile(
    r"(?:[ \u00a0]+[^\W\d_a-z][\w’'&\-]*)*(,)[ \u00a0]+(?:which\b|(?:a|an|the)[ \u00a0]+"
    r"([^,.;:()\"“”\n]{1,80}?)(?=[,.;:)\"”\n]))"
)
# Up to three lower-case words after a name, then a capital: "coach" in "Queensland coach
# Darren Mottram".
_ROLE_WORDS_AFTER = re.compile(
    rf"[ \u00a0]+((?:[a-z\-]+[ \u00a0]+){{1,3}})(?=[{lexicon.UPPER_LETTERS}])"
)
_ROLE_ABBREVIATIONS = {
    "sen": "senator",
    "cllr": "councillor",
    "sens": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "prof": "professor",
    "congressman": "congressman",
}
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,3}):\s")
# The labels of a question and of its answer in an interview set out as questions and answers.
_QUESTION_LABEL = re.compile(r"^[ \t]*Q[:.][ \t]", re.MULTILINE)
_ANSWER_LABEL = re.compile(r"[ \t]*A[:.][ \t]*")
_NOT_LABELS = word_set(
    """
    update note editor video audio photo breaking watch read listen question answer q a
    warning caution correction transcript excerpt source sources live exclusive
    """
)


@dataclass
class _Event:
    """A speech event in text order: a quote's attribution or an indirect `X said ...`."""

    position: int
    attribution: Attribution | None
    quote_index: int | None


def _sentence_ends(text: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(text):
        after_abbreviation = match.group()[0] == "." and _ABBREVIATION_BEFORE.search(
            text, max(0, match.start() - 6), match.start() + 1
        )
        if not after_abbreviation:
            ends.append(match.end())
    return ends


def _final_mark(text: str, span: QuotedSpan) -> str:
    """The quote's last character, looking through a closing single quote."""
    return text[span.start : span.end].rstrip(_CLOSING_SINGLE)[-1:]


def _is_direct_quote(
    text: str, span: QuotedSpan, attribution: Attribution | None, attribution_is_after: bool
) -> bool:
    """Tell a direct quote from a scare quote, a nickname or a title."""
    quoted = text[span.start : span.end]
    words = word_count(text, span.start, span.end)
    if attribution is not None and attribution_is_after:
        # `"No," he said.` is a quote however short; `the "G19," as he called it` is not.
        return words >= 3 or quoted[-1] in ",.!?…—"
    if words < 3 or is_label(text, span):
        return False
    spoken = attribution is not None and attribution.verb is not None
    return spoken or not looks_like_title(quoted)


def _is_partial(
    text: str, span: QuotedSpan, window_start: int, attribution_before_quote: Attribution | None
) -> bool:
    """Whether the quote is a fragment worked into the reporter's own sentence."""
    before = text[window_start : span.open_mark].rstrip()
    if not before or before[-1] in '.!?:"”’…\n' or span.continues_previous:
        return False
    # `he said, "..."` introduces a whole quote rather than working a fragment in.
    return not (before[-1] == "," and attribution_before_quote is not None)


class _Extraction:
    def __init__(self, text: str, known_people: list[str], known_organisations: list[str]):
        self.text = text
        self.sentence_ends = _sentence_ends(text)
        runs = analyse_runs(text)
        self.name_segments: list[NameSegment] = [s for _, _, run in runs for s in run.names]
        self.name_starts = [segment.start for segment in self.name_segments]
        organisation_segments = [s for _, _, run in runs for s in run.organisations]
        self.people = PersonRegistry(known_people)
        self.organisations = OrganisationRegistry(known_organisations)
        self.organisations.build(organisation_segments)
        # Lone kinds of organisation and doubtful acronyms the registry found no fuller name
        # for are none.
        self.organisation_segments = [
            segment
            for segment in organisation_segments
            if not (segment.generic or segment.doubtful)
            or self.organisations.find(segment.text) is not None
        ]
        self.organisation_starts = [segment.start for segment in self.organisation_segments]
        self.person_of_segment: dict[int, Person] = {}
        # Where a comma and its spaces end, found once per text: a role set off before a name
        # ends with them ("The coach, Jones"), so a run that starts anywhere else needs none
        # of the regex searches back from it for such a role, as most runs do not.
        self.after_comma = {match.end() for match in _COMMA_AND_SPACES.finditer(text)}
        # Whether the text writes a word in lower case, by word, as asked.
        self._written_in_lower_case: dict[str, bool] = {}

    # Sentence and window helpers -------------------------------------------------------

    def _sentence_start_before(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_ends, position) - 1
        return self.sentence_ends[index] if index >= 0 else 0

    def _sentence_end_after(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_ends, position)
        return self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.text)

    def _paragraph_start(self, position: int) -> int:
        return self.text.rfind("\n", 0, position) + 1

    def _introducing_paragraph(self, open_mark: int, window_start: int, floor: int) -> int:
        """Where to read an attribution for a quote opening its paragraph: the previous
        paragraph's last sentence when that paragraph ends with a colon, else unchanged."""
        text = self.text
        paragraph = self._paragraph_start(open_mark)
        if text[paragraph:open_mark].strip():
            return window_start
        colon = paragraph - 1
        while colon > 0 and text[colon - 1].isspace():
            colon -= 1
        colon -= 1
        if colon < floor or colon < 0 or text[colon] != ":":
            return window_start
        return max(self._paragraph_start(colon), self._sentence_start_before(colon), floor)

    # Mentions inside a span ---------------------------------------------------------------

    def _segments_in(self, start: int, end: int) -> list[NameSegment]:
        first = bisect.bisect_left(self.name_starts, start)
        last = bisect.bisect_left(self.name_starts, end)
        return self.name_segments[first:last]

    def _organisations_in(self, start: int, end: int):
        first = bisect.bisect_left(self.organisation_starts, start)
        last = bisect.bisect_left(self.organisation_starts, end)
        return self.organisation_segments[first:last]

    def _core(self, attribution: Attribution) -> tuple[int, int]:
        """The head of a speaker phrase: before any apposition and any `for`/`of` complement."""
        text = self.text
        start, end = attribution.subject_start, attribution.subject_end
        for mark in (",", "("):
            cut = text.find(mark, start, end)
            while mark == "," and cut > start and _THOUSANDS_COMMA.match(text, cut - 1):
                cut = text.find(mark, cut + 1, end)  # "Olympic 10,000m champion"
            if cut > start:
                end = cut
        position = start
        previous_lower = False
        for match in re.finditer(r"[\w’'.\-]+", text[start:end]):
            word = match.group()
            if previous_lower and word.lower() in CORE_STOP:
                return start, start + match.start() - 1 if match.start() else start
            # "Analysts at Peel Hunt": a noun for people is capitalised only as the first word.
            previous_lower = word[0].islower() or (
                match.start() == 0 and is_person_noun(word.lower())
            )
            position = start + match.end()
        return start, max(position, start)

    def states_as_organisation(self, attribution: Attribution) -> bool:
        """Whether a speaker phrase of capitalised words, after "the" or a single word
        ("the Economic Observer", "Politico", "Arsenal"), is the subject of a verb of
        publication or a statement: a body that publishes, not a person."""
        text = self.text
        start, end = attribution.subject_start, attribution.subject_end
        words = text[start:end].split()
        if words and words[0].lower() == "the":
            words = words[1:]
            if not 1 <= len(words) <= 4 or any(
                word.lower() in lexicon.TITLE_WORDS for word in words
            ):
                return False
        elif len(words) != 1:
            return False
        if not all(word[:1].isupper() for word in words):
            return False
        return bool(
            _STATES_AFTER.match(text, end)
            or _REPORTED_BEFORE.search(text, max(0, start - 12), start)
        )

    # Building people ----------------------------------------------------------------------

    def build_people(
        self, speaker_cores: list[tuple[int, int]], statement_cores: list[tuple[int, int]]
    ) -> None:
        """Register the people the text names. The subjects of speech verbs are evidence of
        a person; those of a publication's or a statement's verb ("Halverton said in a
        statement") only of a surname the text gives in full elsewhere ("Mara Halverton")."""
        text = self.text
        # Words the text capitalises other than as a sentence's first word, where a capital
        # says "name".
        self.capitalised_inside: set[str] = set()
        for segment in self.name_segments:
            tokens = segment.tokens
            if len(tokens) > 1:
                self.capitalised_inside.update(tokens[1:])
            if tokens[0] not in self.capitalised_inside and (
                segment.prefix or not self._opens_sentence(segment)
            ):
                self.capitalised_inside.add(tokens[0])
        evident: set[int] = set()
        for start, end in speaker_cores:
            # A possessive owns the speaker rather than being it: "Hollywood's honorary mayor
            # said", "according to Defra's lawyers".
            evident.update(
                id(segment)
                for segment in self._segments_in(start, end)
                if not segment.possessive
                and not self._lone_word_opening_sentence(segment)
                and not self._names_a_unit(segment)
                and not self._premodifies_noun(segment, end)
            )
        roles: dict[int, str | None] = {}
        for segment in self.name_segments:
            role = (
                apposition_role(text, segment.end)
                or premodifier_role(text, segment)
                or self._role_before_comma(segment)
            )
            roles[id(segment)] = role
            # A given name is evidence of a person unless a place noun follows it: "Evelyn
            # Park" needs more than "Victoria Park" has.
            given = (
                segment.tokens[0].lower() in lexicon.GIVEN_NAME_GENDER
                and segment.tokens[-1].lower() not in lexicon.PLACE_NOUNS
            )
            if (
                segment.titled
                or role is not None
                or (given and len(segment.tokens) >= 2)
                or self.people.is_known(segment)
                or self._after_role_and_comma(segment)
                or (text.startswith(",", segment.end) and _AGE_AFTER.match(text, segment.end))
                or _AGE_STATED.match(text, segment.end)
                or _MEMBER_AFTER.match(text, segment.end)
                or self._person_relative_after(segment)
            ):
                evident.add(id(segment))
        self.things = self._named_as_organisations(evident)
        name_words = {token for segment in self.name_segments for token in segment.tokens}
        evident.difference_update(
            id(segment)
            for segment in self.name_segments
            if self._not_a_name(segment)
            or segment.text in self.things
            or any(glued(token, name_words) for token in segment.tokens)
            or text.startswith("*", segment.end)  # "– Jo** Al****": a name masked, in part
            # "of Castle Road, Raheen, had pleaded": the area of an address, not its subject.
            or _ADDRESS_STREET_BEFORE.search(
                text, max(0, segment.run_start - 40), segment.run_start
            )
        )
        stated = {
            id(segment)
            for start, end in statement_cores
            for segment in self._segments_in(start, end)
            if len(segment.tokens) == 1
        }
        evident.update(self._named_in_full(evident | stated))
        for segment in self.name_segments:
            if (
                2 <= len(segment.tokens) <= 4
                and id(segment) in evident
                and not modifies_role(text, segment)
            ):
                self.people.add_full_name(segment)
        for segment in self.name_segments:
            person = self.people.find(segment)
            if person is None and modifies_role(text, segment):
                continue  # "Shadow Secretary", "Liberal Democrat spokeswoman"
            if person is None and id(segment) in evident and len(segment.tokens) <= 4:
                person = self.people.add_single_name(segment)
            if person is None:
                continue
            self.person_of_segment[id(segment)] = person
            self.people.record(person, segment)
            role = roles[id(segment)]
            if role and person.gender is None:
                person.gender = role_gender(role)  # "his late wife, Ishbel,"
            if role and person.role is None:
                person.role = role
                for organisation in self._organisations_in_text(role):
                    person.organisation_text = organisation
                    break
            if person.organisation_text is None and segment.prefix.endswith(("’s", "'s")):
                person.organisation_text = segment.prefix[:-2].split()[-1]
            if person.organisation_text is None and (of := _OF_AFTER.match(text, segment.end)):
                # "Tom Hale of the Green Rivers Trust": the organisation the person is from.
                for organisation in self._organisations_in(of.end(), of.end() + 1):
                    found = self.organisations.find(organisation.text)
                    person.organisation_text = found.name if found else None

    def _person_relative_after(self, segment: NameSegment) -> bool:
        """Whether a capitalised pair is set off before "who" and a verb in the singular
        ("Morag Sinclair, who runs the shop,"), as one person is and a thing is not ("which"),
        nor a team or a band ("Ashford Town, who are fourth"). Not a pair opening with a place
        or ending with a place noun."""
        tokens = segment.tokens
        return (
            len(tokens) == 2
            and _WHO_AFTER.match(self.text, segment.end) is not None
            and token_class(tokens[0]) != PLACE
            and tokens[-1].lower() not in lexicon.PLACE_NOUNS
        )

    def _named_as_organisations(self, speakers: set[int]) -> dict[str, str]:
        """Names that are organisations by their look or by what the text says of them, by
        their name segment: the first word of an organisation's name the text gives in full,
        speaking ("Cairn said" after "Cairn Energy") and no person's surname, a brand's
        capital inside a word ("NetRatings", "TalkTalk"), a "which" clause after it ("Velora
        Health, which distributes ...") or an apposition headed by a kind of organisation
        ("Titan, a California-based company,"), or a name set off after its kind ("The gas
        company, Santos,"). A person is "who"; a title or a given name still says person.
        Each maps to the name in full, up to the comma."""
        text = self.text
        things: dict[str, str] = {}
        surnames = {segment.tokens[-1] for segment in self.name_segments if len(segment.tokens) > 1}
        for segment in self.name_segments:
            if segment.titled or is_given_name(segment.tokens[0]):
                continue
            word = segment.tokens[0]
            if (
                len(segment.tokens) == 1
                and id(segment) in speakers
                and not segment.prefix
                and not CAPITALISED_NEXT.match(text, segment.end)
                and not self._premodifies_noun(segment, len(text))
                and word not in surnames
                and (fuller := self.organisations.short_form_of(word))
            ):
                # "Cairn said" with "Cairn Energy" named: the company by its first word.
                organisation = self.organisations.find(fuller)
                if organisation is not None:
                    organisation.forms.setdefault(word, None)
                things.setdefault(segment.text, fuller)
                continue
            fuller = len(segment.tokens) > 1 and self._organisation_ending_with(segment.tokens)
            if fuller:
                # "Newmont Mining said" after "Newmont Mining Corp": the company without its
                # kind, as a second mention shortens it.
                fuller.forms.setdefault(segment.text, None)
                things.setdefault(segment.text, fuller.name)
                continue
            kind = self._type_before_comma(segment)
            if kind is not None:
                # "The gas company, Santos, said": set off after its kind, as a person is
                # after a role.
                self.organisations.note(segment.text, segment.start)
                self.organisations.find(segment.text).kinds.add(kind)
                things.setdefault(segment.text, segment.text)
                continue
            if any(is_brand(token) for token in segment.tokens):
                things.setdefault(segment.text, segment.text)
                continue
            if segment.possessive:
                continue
            described = _DESCRIBED_AS_THING.match(text, segment.end)
            if described is None:
                continue
            if described.group(2) is not None:
                # The head noun is the last word before any complement: "a spokesman for the
                # council" is a person.
                words = []
                for word in described.group(2).split():
                    if word.lower() in _OBJECT_MARKERS:
                        break
                    words.append(word)
                head = words[-1].lower() if words else ""
                if len(words) > 8 or not (
                    head in lexicon.ORGANISATION_TYPES or head in lexicon.ORGANISATION_KINDS
                ):
                    continue
            things.setdefault(segment.text, text[segment.start : described.start(1)])
        return things

    def _organisation_ending_with(self, tokens: tuple[str, ...]):
        """The organisation whose name ends with these words and then a kind of organisation
        ("Newmont Mining" in "Newmont Mining Corp"), if one does."""
        count = len(tokens)
        for organisation in self.organisations.organisations:
            words = organisation.name.split()
            if (
                len(words) > count
                and words[-1].lower() in lexicon.ORGANISATION_KINDS
                and tuple(words[-1 - count : -1]) == tokens
            ):
                return organisation
        return None

    def _premodifies_noun(self, segment: NameSegment, end: int) -> bool:
        """Whether a name in a speaker phrase qualifies the lower-case noun after it, which
        heads the phrase: "Internet providers", "Opec members", "Tasmania captain", with a
        number between ("Olympic 10,000m champion", "British Quangos 2005 author"). A verb
        after the name makes it the subject instead ("Sanders delivered a retort")."""
        number = _NUMBER_AFTER.match(self.text, segment.end, end)
        following = _WORD_AFTER.match(self.text, number.end() if number else segment.end, end)
        if following is None or segment.possessive:
            return False
        word = following.group(1)
        return (
            word.islower()
            and word not in _OBJECT_MARKERS
            and word not in lexicon.NOT_NAME_WORDS
            and not (word.endswith("ly") and not is_person_noun(word))  # "family" is no adverb
            and not reads_as_verb(word)  # "Sanders delivered a retort"
        )

    def _qualifies_source(self, segment: NameSegment, end: int) -> bool:
        """Whether a name in a speaker phrase qualifies a noun for people or for a body, who
        speak rather than the one named: "a Thorne aide", "the Clinton campaign", "a source
        close to the Thorne family". A thing so qualified speaks for the name: "the printed
        Cruz slate card said"."""
        if not self._premodifies_noun(segment, end):
            return False
        following = _WORD_AFTER.match(self.text, segment.end, end)
        word = following.group(1).lower() if following else ""
        return is_person_noun(word) or word in lexicon.ORGANISATION_HEADS

    def _after_role_and_comma(self, segment: NameSegment) -> bool:
        """A name set off after a role: "The opposition leader, Declan O'Neill, said", "The
        coach, Jones, arrived", "the chairman of the formation committee, Pat Elmer, said". A
        single word needs the closing comma too: in "a rebel leader turned president, Eritrea
        was" it opens a clause."""
        if segment.prefix:
            return False
        if len(segment.tokens) == 1 and not self.text.startswith(",", segment.end):
            return False
        if segment.run_start not in self.after_comma:
            return False
        found = _ROLE_AND_COMMA.search(self.text, max(0, segment.run_start - 80), segment.run_start)
        if found is not None and found.group(1).lower() in lexicon.ROLE_NOUNS:
            return True
        return (
            self._capitalised_role_before(segment) is not None
            or self._role_and_remit_before(segment) is not None
        )

    def _capitalised_role_before(self, segment: NameSegment) -> str | None:
        """A role with a capital after a determiner, then a comma, right before a name
        ("local MP" in "The local MP, Tariq Hussain, said", "Home Secretary" in "The Home
        Secretary, Ann Vale,"): the role's words."""
        found = _DETERMINED_ROLE_AND_COMMA.search(
            self.text, max(0, segment.run_start - 60), segment.run_start
        )
        if found is None or found.group(2).lower() not in lexicon.ROLE_NOUNS:
            return None
        return " ".join(found.group(1).split())

    def _role_and_remit_before(self, segment: NameSegment) -> re.Match | None:
        """The role and remit, then a comma, right before a name ("chairman of the formation
        committee, "), when the first word is a role."""
        found = _ROLE_REMIT_AND_COMMA.search(
            self.text, max(0, segment.run_start - 80), segment.run_start
        )
        return found if found and found.group(1).lower() in lexicon.ROLE_NOUNS else None

    def _type_before_comma(self, segment: NameSegment) -> str | None:
        """The kind of business or body a name is set off after by commas ("company" in "The
        gas company, Santos, said"), or after a comma at the end of a sentence ("parents set
        up a campaign group, Fair Funding Northfield."), if any."""
        if segment.prefix or not self.text.startswith((",", "."), segment.end):
            return None
        if segment.run_start not in self.after_comma:
            return None
        found = _ROLE_AND_COMMA.search(self.text, max(0, segment.run_start - 40), segment.run_start)
        if found is None or found.group(1) not in lexicon.ORGANISATION_TYPES:
            return None
        return found.group(1)

    def _role_before_comma(self, segment: NameSegment) -> str | None:
        """The role a name is set off after by commas ("state sport minister" in "The state
        sport minister, Ros Spence, said"), back to a determiner or a verb. Without the closing
        comma the name may open the next item of a list ("Owen is the king, Knightly ...")."""
        if not self.text.startswith(",", segment.end) or not self._after_role_and_comma(segment):
            return None
        remit = self._role_and_remit_before(segment)
        if remit is not None:
            return self.text[remit.start(1) : remit.end()].rstrip(" ,\u00a0")
        capitalised = self._capitalised_role_before(segment)
        if capitalised is not None:
            return capitalised
        before = self.text[max(0, segment.run_start - 60) : segment.run_start].rstrip(" ,\u00a0")
        words: list[str] = []
        for word in reversed(before.split()):
            lower = word.lower()
            if (
                not word.islower()
                or not word.isalpha()
                or lower in lexicon.NOT_NAME_WORDS
                or lower in lexicon.SPEECH_VERBS
                or lower in lexicon.COMMON_VERBS
                or len(words) == 4
            ):
                break
            words.insert(0, word)
        return " ".join(words) or None

    def _named_in_full(self, evident: set[int]) -> list[int]:
        """Capitalised pairs ("Chidi Okafor") whose last word is, elsewhere in the text, a
        person on its own evidence ("Okafor said", "Okafor, 23,"): news names a person in
        full once and by surname after, so the pair is that person's full name even when
        its first word is a given name the lexicon does not list. Not a pair opening a
        headline with a word that is no given name: a headline capitalises its first word
        ("Late Okafor double sinks Rovers")."""
        surnames = {
            segment.tokens[0].lower()
            for segment in self.name_segments
            if len(segment.tokens) == 1 and id(segment) in evident
        }
        return [
            id(segment)
            for segment in self.name_segments
            if 2 <= len(segment.tokens) <= 4
            and segment.tokens[-1].lower() in surnames
            and not self._not_a_name(segment)
            and not may_open_with_common_word(self.text, segment.tokens, segment.start)
            and not (is_headline(self.text, segment.start) and not is_given_name(segment.tokens[0]))
        ]

    def _not_a_name(self, segment: NameSegment) -> bool:
        """Capitalised words that do not name a person whatever else surrounds them: a common
        noun opening a sentence ("Aides say", "Pollsters agree"), words after "the" with no
        title between ("The Hill reported", "the Daily Beast said", "Ann Fry of the Rivers
        Watch network"), which name a publication or a group, a name ending in a place noun
        after a preposition of place ("in Victoria Park", where "in Michael Bay's film" names a
        person), a title with a common noun after it ("the General Election"), a word after
        a quantifier ("Most Gibraltarians"), and a word in "-ing" taking an object ("Touching
        the Void director")."""
        if segment.titled:
            return self._title_and_common_noun(segment)
        prefix = segment.prefix.lower()
        if (
            prefix == "the"
            or prefix.endswith(" the")
            or (
                not segment.prefix
                and ARTICLE_END.search(self.text, max(0, segment.run_start - 4), segment.run_start)
            )
        ):
            return True
        if (
            not segment.prefix
            and not segment.possessive
            and segment.tokens[-1].lower() in lexicon.PLACE_NOUNS
            and _LOCATIVE_BEFORE.search(self.text, max(0, segment.run_start - 8), segment.run_start)
        ):
            return True
        tokens = segment.tokens
        if len(tokens) == 2:
            # "Questioning Vindman's judgment", "Day-by-day Schiff's", "Developer Valve
            # called": a participle, a compound or a role opening the sentence describes
            # the name after it.
            return (
                not segment.prefix and describes_name(tokens[0]) and self._opens_sentence(segment)
            )
        if len(tokens) > 1:
            return False
        word = tokens[0]
        if _QUANTIFIER_BEFORE.search(self.text, max(0, segment.start - 12), segment.start):
            return True  # "Most Gibraltarians said", "many Britons": a group of people
        if (
            word.endswith("ing")
            and not is_given_name(word)
            and _DETERMINER_AFTER.match(self.text, segment.end)
        ):
            return True  # "Oxfam's Paying the Price report": a participle and its object
        if segment.prefix:
            # "the People's Daily": a word after a possessive that follows "the" names a
            # title or a thing, no person.
            return (
                segment.prefix.endswith(("’s", "'s"))
                and " " not in segment.prefix
                and ARTICLE_END.search(self.text, max(0, segment.run_start - 4), segment.run_start)
                is not None
            )
        if (
            self.text.startswith(",", segment.end)
            and word.lower().endswith(("ed", "ly"))
            and not is_given_name(word)
            and word not in self.capitalised_inside
            and self._opens_sentence(segment)
        ):
            return True  # "Concerned, his doctor called": a participle or an adverb
        if not is_person_noun(word.lower()):
            return False
        return self._opens_sentence(segment)

    def _names_a_unit(self, segment: NameSegment) -> bool:
        """Whether a lone word follows an acronym, a ministry's word or an organisation's in
        its run: "GE Healthcare", "CBS Sports", "Home Depot" name a brand or a unit, so being
        a speech verb's subject is no evidence of a person. Two capitals may as well be
        initials written without stops ("JF Sullivan said"), so after them the pair must
        recur, as a brand's name does and a person's full name does not."""
        if len(segment.tokens) > 1 or segment.titled or not segment.prefix:
            return False
        last = segment.prefix.split()[-1]
        kind = token_class(last)
        if kind == ACRONYM and len(last) <= 2:
            return self.text.count(f"{last} {segment.text}") > 1
        return not last.endswith(("’s", "'s")) and kind in (ACRONYM, DEPARTMENT, ORG)

    def _title_and_common_noun(self, segment: NameSegment) -> bool:
        """Whether a title and one word after it make a compound noun rather than a titled
        surname: "the General Election", "a new Justice Bill". A title names a person without
        "the" before it ("President Okafor"; religious titles aside: "the Ayatollah
        Khomeini"), and a surname is not a word the text also writes in lower case ("an
        election", "the bill")."""
        if segment.honorific or len(segment.tokens) > 1:
            return False
        before_title = segment.prefix.split()
        title = before_title[-1].rstrip(".").lower()
        while before_title and before_title[-1].rstrip(".").lower() in lexicon.TITLE_WORDS:
            before_title.pop()
        after_the = (
            before_title[-1].lower() == "the"
            if before_title
            else ARTICLE_END.search(self.text, max(0, segment.run_start - 4), segment.run_start)
        )
        if after_the and title not in lexicon.TITLES_AFTER_THE:
            return True
        word = segment.tokens[0].lower()
        written = self._written_in_lower_case.get(word)
        if written is None:
            written = self._written_in_lower_case[word] = contains_word(self.text, word)
        return written

    def _opens_sentence(self, segment: NameSegment) -> bool:
        sentence_start = self._sentence_start_before(segment.start)
        return not self.text[sentence_start : segment.start].strip(OPENERS)

    def _lone_word_opening_sentence(self, segment: NameSegment) -> bool:
        """A single capitalised word opening a sentence that the text never capitalises
        elsewhere: "Rescue teams said", "Forecasters warned". It may be a common noun as well
        as a surname, so being a speech verb's subject is no evidence of a person; a title, a
        role or a mention in full still is. After a quote that ends in a question or an
        exclamation the word is more likely its attribution: `"...!" Cruz said`."""
        return (
            len(segment.tokens) == 1
            and not segment.prefix
            and segment.tokens[0] not in self.capitalised_inside
            and not CAPITALISED_NEXT.match(self.text, segment.end)
            and self._opens_sentence(segment)
            and not _QUOTE_ASKS_OR_EXCLAIMS.search(
                self.text, max(0, segment.start - 4), segment.start
            )
        )

    def _organisations_in_text(self, role: str) -> list[str]:
        """Registered organisations named inside a role, in the order the role names them."""
        found = []
        for organisation in self.organisations.organisations:
            for form in (organisation.name, *organisation.forms):
                position = role.find(form)
                if position != -1:
                    found.append((position, organisation.name))
                    break
        return [name for _, name in sorted(found)]

    # Speakers ---------------------------------------------------------------------------------

    def resolve(
        self, attribution: Attribution, history: list[Speaker], before: int | None = None
    ) -> Speaker:
        """The speaker an attribution names. `before` is where the speech event starts (the
        quote's opening mark), so a pronoun looks for its antecedent before it."""
        text = self.text
        core_start, core_end = self._core(attribution)
        core = text[core_start:core_end].strip()
        words = core.split()
        if not words:
            return Speaker(None, None)
        lowered = [word.lower().strip(".,") for word in words]
        if len(words) == 1 and lowered[0] in lexicon.PERSON_PRONOUNS:
            position = attribution.subject_start
            speaker = None
            if before is not None and before < position:
                # `... praising "..." as he promised`: the pronoun after a quote worked into a
                # sentence is the nearest person that sentence names before the quote.
                speaker = self._person_before_in_sentence(before, lowered[0])
                position = before
            if speaker is None:
                speaker = self._resolve_pronoun(position, lowered[0], history)
            self._learn_gender(speaker, position, lowered[0], history)
            return speaker
        if len(words) == 1 and lowered[0] in lexicon.GROUP_PRONOUNS:
            for speaker in reversed(history[-3:]):
                if speaker.kind == "organisation" and lowered[0] == "it":
                    return speaker
            return Speaker(None, None)
        named = [
            segment
            for segment in self._segments_in(core_start, core_end)
            if id(segment) in self.person_of_segment
            and not segment.possessive
            and not self._qualifies_source(segment, core_end)
        ]
        people = [self.person_of_segment[id(segment)] for segment in self._heads(named)]
        if not people:
            people = self._people_after_head(attribution)
        if not people and len(words) == 1 and words[0][:1].isupper():
            # "King said" after "Stephen King": a surname that is also a title alone.
            people = self.people.with_surname(lowered[0])
        if not people:
            # "G.K. Butterfield of North Carolina said": a phrase read from after the initials.
            index = bisect.bisect_right(self.name_starts, core_start) - 1
            segment = self.name_segments[index] if index >= 0 else None
            if segment is not None and segment.start < core_start < segment.end:
                person = self.person_of_segment.get(id(segment))
                people = [person] if person is not None and not segment.possessive else []
        if people:
            person = people[-1]
            return Speaker(person.name, "person", person)
        things = [
            self.things[segment.text]
            for segment in self._segments_in(core_start, core_end)
            if segment.text in self.things
        ]
        if things and lowered[0] not in _UNNAMED_OPENERS:
            # "Velora Health, which distributes Clearview, said": a body, not a person.
            return Speaker(self.organisations.note(things[-1], core_start), "organisation")
        if self.states_as_organisation(attribution) and (
            len(words) > 1 or self._names_a_body(core_start, core_end)
        ):
            title = " ".join(words[1:] if len(words) > 1 else words).strip(".,")
            name = title if len(words) == 1 else "The " + title
            if len(words) == 1:
                # "Halverton said in a statement" after "Halverton United": the same club.
                fuller = self.organisations.find_by_word(title, attribution.subject_start)
                name = fuller.name if fuller else name
            return Speaker(self.organisations.note(name, core_start), "organisation")
        description = self._description(attribution)
        last = lowered[-1].strip("’'")
        if lowered[0] == "the" and len(words) <= 4:
            # "the senator said", "the diplomat said": whichever is later of the latest person
            # named with that role and the latest unnamed source described by that noun.
            earlier = [
                speaker
                for speaker in (
                    self._person_with_role(
                        [word.strip("’'") for word in lowered[1:]], attribution.subject_start
                    ),
                    unnamed_source(last, history),
                )
                if speaker is not None
            ]
            if earlier:
                return max(earlier, key=lambda speaker: speaker.position)
            pronouns = epithet_pronouns(last)
            if pronouns and all(word.islower() for word in words[1:]):
                # "the 20-year-old said", "the striker added": a word a report uses, as a
                # pronoun, for the person it has in view, who no role or source had. Not after
                # a name, which makes another person: "the Lincoln actor".
                return self._person_in_view(attribution, before, history, pronouns)
        if lowered == ["counsel"]:
            # "counsel said" in a court report: the barrister it last named as one, as a
            # pronoun would be, rather than a source of its own.
            barrister = self._barrister_before(attribution.subject_start)
            if barrister is not None:
                return barrister
        if lowered[0] in _UNNAMED_OPENERS and len(words) <= 8:
            return Speaker(description, "unnamed")
        if is_person_noun(last) and last not in ("leaders", "members"):
            return Speaker(description, "unnamed")
        organisations = self._organisations_in(core_start, core_end)
        if organisations:
            organisation = self.organisations.find(organisations[-1].text)
            name = organisation.name if organisation else organisations[-1].text
            return Speaker(name, "organisation")
        if last in lexicon.ORGANISATION_HEADS:
            # "the ministry said", "the agency said": the organisation named right after it
            # ("The club's supporters' association, Curva Nord, said"), or the one
            # organisation of that kind the text named before, or else (none, or several) a
            # source known only by its description. "the company" is no organisation's name,
            # and as one it would become a record and a facet of its own.
            apposed = self._organisation_apposed(core_end, attribution.subject_end)
            if apposed is not None:
                return Speaker(apposed, "organisation")
            organisation = self.organisations.only_of_kind(last, attribution.subject_start)
            if organisation is None:
                return Speaker(description, "unnamed")
            return Speaker(organisation.name, "organisation")
        if len(words) == 2 and lowered[0] == "the" and token_class(words[1].strip(".,")) == PLACE:
            # "the American said", "the Russian added": a player or a person named before by
            # nationality, as a pronoun stands for one; a place or a nationality names no body.
            return self._person_in_view(attribution, before, history, ("he", "she"))
        if (
            lowered[0] == "the"
            and 1 < len(words) <= 5
            and all(w[0].isupper() for w in words[1:])
            and not all(names_place_or_its_people(w.strip(".,")) for w in words[1:])
        ):
            # "The Hill reported", "the Post said": a title, known in full if the text has it,
            # as "the Fed" is as "Federal Reserve".
            organisation = None
            if len(words) == 2:
                organisation = self.organisations.find_by_word(last, attribution.subject_start)
            if organisation is not None and words[1] not in organisation.name.split():
                organisation.forms.setdefault(words[1], None)
            name = organisation.name if organisation else "The " + " ".join(words[1:])
            return Speaker(self.organisations.note(name, core_start), "organisation")
        if len(words) > 1 and core.isupper():
            # A heading in capitals before the quote, which names no one in it: the words in
            # capitals are no acronyms, but the heading is what the quote is given under.
            return Speaker(description, "unnamed")
        return Speaker(None, None)

    def _organisation_apposed(self, core_end: int, end: int) -> str | None:
        """The organisation named right after the head of a speaker phrase and its comma,
        by an organisation's words ("The regulator, the Office for Gas Markets,") or as a
        name set off after its kind ("The gas company, Santos,"); None if no organisation
        follows so."""
        text = self.text
        for segment in self._organisations_in(core_end, end):
            if _APPOSITION_GAP.fullmatch(text, core_end, segment.start):
                found = self.organisations.find(segment.text)
                return found.name if found else segment.text
        for segment in self._segments_in(core_end, end):
            if segment.text in self.things and _APPOSITION_GAP.fullmatch(
                text, core_end, segment.start
            ):
                return self.things[segment.text]
        return None

    def _person_in_view(
        self,
        attribution: Attribution,
        before: int | None,
        history: list[Speaker],
        pronouns: tuple[str, ...],
    ) -> Speaker:
        """The person a description standing for a pronoun means ("the American", "the
        20-year-old"): whichever of the pronouns it may stand for resolves to the latest."""
        position = attribution.subject_start if before is None else before
        return max(
            (self._resolve_pronoun(position, pronoun, history) for pronoun in pronouns),
            key=lambda speaker: -1 if speaker.name is None else speaker.position,
        )

    def _names_a_body(self, start: int, end: int) -> bool:
        """Whether a single word stating as an organisation is a name, not a common noun
        opening a sentence ("Companies reported", "Some reported")."""
        segments = self._segments_in(start, end)
        return len(segments) == 1 and not self._lone_word_opening_sentence(segments[0])

    def _heads(self, named: list[NameSegment]) -> list[NameSegment]:
        """The names of a speaker phrase without those after an "of" or "for" that follows an
        earlier name: "said Robert Nelson of Standard and Poor" names where Nelson works."""
        heads: list[NameSegment] = []
        for segment in named:
            if heads and is_complement(self.text[heads[-1].end : segment.start]):
                continue
            heads.append(segment)
        return heads

    def _governed(self, segment: NameSegment, start: int) -> bool:
        """Whether a preposition after `start` governs the name ("for John Smith", "of
        Standard and Poor"), not a place before it in its run ("to France Ruth Hale")."""
        before = self.text[max(start, segment.run_start - 12) : segment.run_start].split()
        return (
            bool(before)
            and before[-1].lower() in CORE_STOP
            and not names_places(segment.prefix.split())
        )

    def _people_after_head(self, attribution: Attribution) -> list[Person]:
        """A name closing the speaker phrase after its head: "Liberal Democrat spokeswoman for
        women Sandra Gidley", "The Shadow Secretary, Theresa May". A name right after a
        preposition ("a spokesman for John Smith") is not the speaker, nor is a name owning
        the head when a name follows ("Castamar's foreign minister, Elena Varga") or when the
        head is kin, who speak for themselves ("Mrs Carrow's family"), where an office or a
        spokesman speaks for the owner ("Ryan's office"), nor one in a relative clause after
        the head ("The First Minister, who met Tom Hale on Monday,"), nor one qualifying a noun
        ("a source in the Thorne campaign")."""
        found = []
        start, end = attribution.subject_start, attribution.subject_end
        clause = _RELATIVE_CLAUSE.search(self.text, start, end)
        if clause is not None:
            end = clause.start()
        for segment in self._segments_in(start, end):
            person = self.person_of_segment.get(id(segment))
            if (
                person is None
                or self._governed(segment, start)
                or self._qualifies_source(segment, end)
            ):
                continue  # "for John Smith", "a source in the Thorne campaign"
            if segment.possessive and _KIN_AFTER.match(self.text, segment.end):
                continue
            found.append((segment.possessive, person))
        # A name owning the head gives way to one set off after it.
        found.sort(key=lambda possessive_and_person: possessive_and_person[0])
        return [person for _, person in found[:1]]

    def _resolve_pronoun(self, position: int, pronoun: str, history: list[Speaker]) -> Speaker:
        """ "he"/"she": whichever comes later of the latest speaker of a compatible gender and
        the latest person of that gender who was a sentence's subject before the pronoun's
        sentence ("Sanders wasn't impressed. "...," he said."); else the latest person named.
        The latest speaker may be an unnamed one: after "a fund manager who holds the stock
        said ...", the next "he said" is the fund manager's, not the last person named. Not
        when a person is named after the source: in "A reporter asked Sanders ... He
        replied", "he" is Sanders."""
        gender = "m" if pronoun == "he" else "f"
        speaker = next(
            (
                speaker
                for speaker in reversed(history)
                if speaker.position < position
                and fits_pronoun(speaker, gender)
                and (speaker.person is not None or not self._named_between(speaker, position))
            ),
            None,
        )
        sentence_start = min(position, self._sentence_start_before(position))
        index = bisect.bisect_left(self.subject_positions, sentence_start) - 1
        while index >= 0:
            mention_position, person = self.subject_mentions[index]
            if speaker is not None and mention_position <= speaker.position:
                break
            if person.gender in (None, gender):
                return Speaker(person.name, "person", person, mention_position)
            index -= 1
        if speaker is not None:
            return speaker
        # Nobody has spoken yet: the latest person named before the pronoun.
        for segment in reversed(self._segments_in(0, position)):
            person = self.person_of_segment.get(id(segment))
            if person is not None and person.gender in (None, gender):
                return Speaker(person.name, "person", person, segment.start)
        return Speaker(None, None)

    def _learn_gender(
        self, speaker: Speaker, position: int, pronoun: str, history: list[Speaker]
    ) -> None:
        """Give a person of no known gender the gender of "he" or "she" resolved to them, so
        that a later pronoun of the other gender looks past them: after "Marguerite Olander
        ... she says", the "he says" after "Her editor, Joel Mbeki," is not hers. Only when
        the pronoun had no other reading, every other person named before it being of the
        other gender and no unnamed source it fits having spoken: a "she" given to one of
        several people may have meant another, and a gender learnt from it would then turn
        later pronouns away from the right one."""
        person = speaker.person
        if person is None or person.gender is not None:
            return
        gender = "m" if pronoun == "he" else "f"
        for other in self.people.people:
            if (
                other is not person
                and other.position < position
                and other.gender != ("f" if gender == "m" else "m")
            ):
                return
        if any(other.person is None and fits_pronoun(other, gender) for other in history):
            return  # "a spokeswoman said"
        person.gender = gender

    def _named_between(self, speaker: Speaker, position: int) -> bool:
        """Whether a person is named after a speaker's speech event and before `position`."""
        return any(
            id(segment) in self.person_of_segment
            for segment in self._segments_in(speaker.position + 1, position)
        )

    def _person_before_in_sentence(self, position: int, pronoun: str) -> Speaker | None:
        sentence_start = self._sentence_start_before(position)
        if not self.text[sentence_start:position].strip():
            return None
        gender = "m" if pronoun == "he" else "f"
        for segment in reversed(self._segments_in(sentence_start, position)):
            person = self.person_of_segment.get(id(segment))
            if person is not None and not segment.possessive and person.gender in (None, gender):
                return Speaker(person.name, "person", person, segment.start)
        return None

    def find_subject_mentions(self, quoted: list[tuple[int, int]]) -> None:
        """People who are the subject of a sentence outside quotes: the first name in the
        sentence that is not a preposition's or a clause's object, followed by a verb."""
        text = self.text
        quote_starts = [start for start, _ in quoted]
        self.subject_mentions: list[tuple[int, Person]] = []
        starts = [0, *self.sentence_ends]
        ends = [*self.sentence_ends, len(text)]
        for sentence_start, sentence_end in zip(starts, ends, strict=True):
            mention = None
            for segment in self._segments_in(sentence_start, sentence_end):
                inside = bisect.bisect_right(quote_starts, segment.start) - 1
                if inside >= 0 and quoted[inside][1] > segment.start:
                    continue  # a name inside a quotation is not the reporter's subject
                if segment.possessive:
                    continue
                if self._ends_opening_phrase(sentence_start, segment):
                    continue  # "For the Crown, Jonathan Pike KC accepted": the subject follows
                before = text[max(sentence_start, segment.run_start - 30) : segment.run_start]
                previous = before.split()[-1:]
                if previous and previous[0].strip(",;:—–-()").lower() in _OBJECT_MARKERS:
                    break
                person = self.person_of_segment.get(id(segment))
                if person is None and self._qualifies_role(segment):
                    continue  # "Queensland coach Darren Mottram was ...": the subject follows
                if person is not None and verb_follows(text, segment.end, sentence_end):
                    mention = (segment.start, person)
                    self.subject_mentions.append(mention)
                break
            closing = self._speaker_closing(sentence_start, sentence_end, quoted, quote_starts)
            if closing is not None and (mention is None or closing[0] > mention[0]):
                self.subject_mentions.append(closing)
        self.subject_positions = [position for position, _ in self.subject_mentions]

    def _ends_opening_phrase(self, sentence_start: int, segment: NameSegment) -> bool:
        """Whether a name ends a prepositional or a participle phrase that opens its sentence
        and its first comma closes ("For the Crown,", "After Brexit,", "Speaking in Harlem,",
        "Asked about Sanders,"): the name is the phrase's object and the sentence's subject
        comes after the comma. A name after an earlier comma is in apposition instead ("On
        Monday, Trump's wife, Melania, is ...")."""
        if not self.text.startswith(",", segment.end):
            return False  # tested first, as it fails for most names and costs no split
        before = self.text[sentence_start : segment.run_start]
        opening = before.split()
        if not opening or "," in before:
            return False
        first = opening[0].strip('"“‘(')
        return first.lower() in _OPENING_PREPOSITIONS or (
            len(opening) > 1
            and first[:1].isupper()
            and first.endswith(("ing", "ed"))
            and opening[1] in _PARTICIPLE_OBJECTS  # not "Retired teacher Graham Oduya,"
        )

    def _speaker_closing(
        self, start: int, end: int, quoted: list[tuple[int, int]], quote_starts: list[int]
    ) -> tuple[int, Person] | None:
        """The person a sentence of reported speech is attributed to at its end: "..., said
        Hale, a lawyer." or "..., Hale said.", who a "he said" after it most likely means."""
        text = self.text
        for segment in reversed(self._segments_in(start, end)):
            inside = bisect.bisect_right(quote_starts, segment.start) - 1
            if inside >= 0 and quoted[inside][1] > segment.start:
                return None
            person = self.person_of_segment.get(id(segment))
            if person is None or segment.possessive:
                continue
            verb_before = _SPEECH_VERB_BEFORE.search(text[start : segment.run_start])
            if verb_before:
                # Only an apposition may follow the name: "said Hale, a lawyer."
                following = text[segment.end : segment.end + 1]
                if following in ("", ",", ".") and verb_before.group(1) in lexicon.SPEECH_VERBS:
                    return segment.start, person
                return None
            verb_after = _SPEECH_VERB_AFTER.match(text, segment.end)
            if (
                verb_after
                and verb_after.group(1) in lexicon.SPEECH_VERBS
                and text[max(start, segment.run_start - 2) : segment.run_start].startswith(",")
            ):
                return segment.start, person
            return None
        return None

    def _qualifies_role(self, segment: NameSegment) -> bool:
        """Whether lower-case role words follow a name, then a capital: the name is the team,
        the body or the place of the person named next ("Queensland coach Darren Mottram",
        "Met Éireann forecaster Gerry Lynch")."""
        words = _ROLE_WORDS_AFTER.match(self.text, segment.end)
        return words is not None and words.group(1).split()[-1] in lexicon.ROLE_NOUNS

    def _barrister_before(self, position: int) -> Speaker | None:
        """The latest person named before `position` as a barrister: with the letters of
        senior counsel after the name ("Mary Byrne SC", "QC", "KC") or the side they act for
        ("Tom Hale, defending,")."""
        found = None
        for segment in self._segments_in(0, position):
            person = self.person_of_segment.get(id(segment))
            if person is not None and _BARRISTER_AFTER_NAME.match(self.text, segment.end):
                found = Speaker(person.name, "person", person, segment.start)
        return found

    def _person_with_role(self, words: list[str], position: int) -> Speaker | None:
        """The person named before `position` whose role a noun phrase (`words`, after "the")
        describes: "the coach" for "The coach, Andrew McDonald,", "the prime minister" for
        "Prime Minister Tony Blair". The role must have the head noun; where several people's
        roles have it, those whose roles also have the words before it ("prime") are
        preferred, and of those still several, the latest named."""
        if not words or words[-1] not in lexicon.ROLE_NOUNS:
            return None
        noun, modifiers = words[-1], words[:-1]
        latest: dict[int, tuple[Person, int]] = {}
        described: set[int] = set()
        for segment in self._segments_in(0, position):
            person = self.person_of_segment.get(id(segment))
            if person is None or not person.role:
                continue
            role_words = {
                _ROLE_ABBREVIATIONS.get(word, word)
                for word in re.findall(r"[a-z\-]+", person.role.lower())
            }
            if noun in role_words:
                latest[id(person)] = (person, segment.start)
                if modifiers and role_words.issuperset(modifiers):
                    described.add(id(person))
        candidates = [latest[key] for key in described] or list(latest.values())
        if not candidates:
            return None
        person, start = max(candidates, key=lambda candidate: candidate[1])
        return Speaker(person.name, "person", person, start)

    def transcript_speaker(self, span: QuotedSpan) -> Speaker | None:
        """The speaker a transcript names in capitals at the start of a quote:
        `"SMITH: We never agreed to that."`."""
        label = _TRANSCRIPT_LABEL.match(self.text, span.start, span.end)
        if label is None:
            return None
        words = label.group(1).replace(".", " ").split()
        if any(
            word.lower() in _NOT_LABELS or word.lower() in lexicon.NOT_NAME_WORDS for word in words
        ):
            return None
        surname = words[-1].lower().strip("’'")
        for segment in reversed(self._segments_in(0, span.start)):
            person = self.person_of_segment.get(id(segment))
            if person is not None and person.last == surname:
                return Speaker(person.name, "person", person, span.start)
        return Speaker(" ".join(word.capitalize() for word in words), "person", None, span.start)

    def answer_speaker(self, span: QuotedSpan) -> Speaker | None:
        """The one interviewed, for a quote set after an answer's label in a question and
        answer piece (`Q: ...` then `A: "..."`): the person the text names most, as it
        names its subject."""
        line_start = self._paragraph_start(span.open_mark)
        if not _ANSWER_LABEL.fullmatch(self.text, line_start, span.open_mark):
            return None
        if _QUESTION_LABEL.search(self.text, 0, line_start) is None:
            return None
        people = self.people.people
        if not people:
            return None
        person = max(people, key=lambda person: person.mentions)
        return Speaker(person.name, "person", person, span.open_mark)

    def _description(self, attribution: Attribution) -> str:
        description = self.text[attribution.subject_start : attribution.subject_end]
        description = _DESCRIPTION_CUT.sub("", " ".join(description.split())).strip(" ,.")
        first, _, rest = description.partition(" ")
        if first.lower() in _DESCRIPTION_OPENERS or (
            first[:1].isupper() and is_person_noun(first.lower())
        ):
            description = f"{first.lower()} {rest}".strip()
        return description


def extract(
    text: str, known_people: Iterable[str] = (), known_organisations: Iterable[str] = ()
) -> ExtractionResult:
    """Find the direct quotes, their speakers, the people and the organisations in `text`."""
    source = text
    text = with_doubled_marks_as_one(text)  # the same offsets, one mark per quotation mark
    extraction = _Extraction(text, list(known_people), list(known_organisations))
    spans = find_quoted_spans(text)

    # 1. Quotes and their attribution phrases.
    candidates: list[tuple[QuotedSpan, Attribution | None, bool, int]] = []
    previous_end = 0
    for index, span in enumerate(spans):
        window_start = max(
            extraction._sentence_start_before(span.open_mark),
            extraction._paragraph_start(span.open_mark),
            previous_end,
            span.open_mark - _WINDOW,
        )
        attribution = None
        after = False
        if span.close_mark is not None:
            next_open = spans[index + 1].open_mark if index + 1 < len(spans) else len(text)
            window_end = min(
                extraction._sentence_end_after(span.close_mark + 1),
                next_open,
                span.close_mark + _WINDOW,
            )
            newline = text.find("\n", span.close_mark, window_end)
            if newline != -1:
                window_end = newline
            final_mark = _final_mark(text, span)
            verb_limit = None
            if final_mark == ".":
                # `...weak." Kirby said` is not how news copy attributes: the quote's own full
                # stop ended the sentence.
                window_end = span.close_mark + 1
            elif final_mark in ("?", "!"):
                # A question may still be followed by its attribution: `...do?" he asked.`,
                # `...today?" Miller, a retired nurse, said`: the verb comes soon after.
                verb_limit = span.close_mark + _SHORT_WINDOW
            attribution = attribution_after(text, span.close_mark + 1, window_end, verb_limit)
            if attribution is None and final_mark == ".":
                line_end = text.find("\n", span.close_mark)
                attribution = attribution_by_dash(
                    text, span.close_mark + 1, len(text) if line_end == -1 else line_end
                )
            if (
                attribution is None
                and not text[extraction._paragraph_start(span.open_mark) : span.open_mark].strip()
            ):
                attribution = attribution_below(text, span.close_mark + 1) or attribution_by_colon(
                    text, span.close_mark + 1
                )
            after = attribution is not None
        if attribution is None and not text[window_start : span.open_mark].strip():
            # `Stated Stone:` or `He said:` closing the paragraph before the quote.
            window_start = extraction._introducing_paragraph(
                span.open_mark, window_start, previous_end
            )
        if attribution is None and window_start < span.open_mark:
            attribution = _attribution_before(extraction, window_start, span.open_mark)
        if _is_direct_quote(text, span, attribution, after):
            candidates.append((span, attribution, after, window_start))
        previous_end = span.close_mark + 1 if span.close_mark is not None else span.end

    # 2. Indirect speech events at sentence starts outside quotes.
    quote_bounds = [(span.open_mark, span.close_mark or span.end) for span, *_ in candidates]
    quote_opens = [start for start, _ in quote_bounds]
    events: list[_Event] = []
    for sentence_start in [0, *extraction.sentence_ends]:
        position = sentence_start
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text) or text[position] in '"“”„«':
            continue
        inside = bisect.bisect_right(quote_opens, position) - 1
        if inside >= 0 and quote_bounds[inside][1] >= position:
            continue
        event = speech_event(text, position, extraction._sentence_end_after(position))
        if event is not None:
            events.append(_Event(event.subject_start, event, None))
    for index, (span, attribution, _after, _start) in enumerate(candidates):
        events.append(_Event(span.open_mark, attribution, index))
    events.sort(key=lambda event: event.position)

    # 3. People and organisations, with speaker phrases as evidence of personhood.
    cores: list[tuple[int, int]] = []
    statement_cores: list[tuple[int, int]] = []
    for event in events:
        if event.attribution and event.attribution.evidence:
            stated = extraction.states_as_organisation(event.attribution)
            (statement_cores if stated else cores).append(extraction._core(event.attribution))
    extraction.build_people(cores, statement_cores)
    extraction.find_subject_mentions(
        [(span.open_mark, span.close_mark or span.end) for span in spans]
    )

    # 4. Speakers in text order.
    history: list[Speaker] = []
    quote_speakers: dict[int, Speaker] = {}
    last_quote_speaker: Speaker | None = None
    last_event_position = -1
    for event in events:
        speaker = None
        if event.attribution is not None:
            speaker = extraction.resolve(event.attribution, history, event.position)
        if event.quote_index is not None:
            span = candidates[event.quote_index][0]
            if event.attribution is None or event.attribution.verb is None:
                # A transcript label in the quote beats a guess from the sentence around it.
                speaker = (
                    extraction.transcript_speaker(span)
                    or extraction.answer_speaker(span)
                    or speaker
                )
            if speaker is None or speaker.name is None:
                speaker = _fallback_speaker(
                    extraction,
                    span,
                    event.attribution,
                    last_quote_speaker,
                    history,
                    last_event_position,
                )
            quote_speakers[event.quote_index] = speaker
            last_quote_speaker = speaker
        if speaker is not None and speaker.name is not None:
            speaker = Speaker(speaker.name, speaker.kind, speaker.person, event.position)
            history.append(speaker)
            last_event_position = event.position

    quotes = []
    for index, (span, attribution, _after, window_start) in enumerate(candidates):
        speaker = quote_speakers.get(index) or Speaker(None, None)
        quotes.append(
            QuoteFound(
                start=span.start,
                end=span.end,
                text=source[span.start : span.end],
                speaker=speaker.name,
                speaker_type=speaker.kind if speaker.name else None,
                partial=_is_partial(text, span, window_start, attribution),
                verb=attribution.verb if attribution else None,
            )
        )

    people = [
        PersonFound(
            name=person.name,
            aliases=tuple(person.forms),
            role=person.role,
            organisation=person.organisation_text,
            mentions=person.mentions,
        )
        for person in extraction.people.people
    ]
    organisations = [
        OrganisationFound(
            name=organisation.name,
            aliases=tuple(organisation.forms),
            mentions=organisation.mentions,
        )
        for organisation in sorted(
            extraction.organisations.organisations, key=lambda organisation: organisation.position
        )
    ]
    return ExtractionResult(quotes=quotes, people=people, organisations=organisations)


def _attribution_before(extraction: _Extraction, start: int, open_mark: int) -> Attribution | None:
    """The attribution in the words before a quote: a speech verb, a speaker label before a
    colon, or failing those the subject of the sentence the quote is worked into."""
    text = extraction.text
    attribution = attribution_before(text, start, open_mark)
    if attribution is not None:
        return attribution
    before = text[start:open_mark].rstrip()
    if before.endswith(":"):
        colon = len(before) + start - 1
        label = label_before(text, start, colon) or possessor_label(text, start, colon)
        if label is not None:
            return Attribution(*label, verb=None)
    if not before.strip():
        return None
    # A fragment worked into a sentence with no speech verb ("Clinton decried the GOP for
    # "turning its back"", "She then outlined her terms:") belongs to the sentence's subject.
    pronoun = _PRONOUN_SUBJECT.match(text, start, open_mark)
    if pronoun is not None and not _NAMED_SOURCE.search(text, pronoun.end(), open_mark):
        return Attribution(*pronoun.span(1), verb=None, evidence=False)
    subject = clause_subject(text, start, open_mark)
    if subject is None:
        return None
    # Not evidence of a person: "Fundraising was "stagnant"" has a subject but no speaker.
    return Attribution(subject[0], subject[1], verb=None, evidence=False)


def _stands_alone(text: str, paragraph: int, span: QuotedSpan) -> bool:
    """Whether a quote is the whole of its paragraph, with no words of the reporter's before
    or after it (`"..." reads an editorial` has some)."""
    if span.close_mark is None or text[paragraph : span.open_mark].strip():
        return False
    line_end = text.find("\n", span.close_mark)
    return not text[span.close_mark + 1 : len(text) if line_end == -1 else line_end].strip()


def _fallback_speaker(
    extraction: _Extraction,
    span: QuotedSpan,
    attribution: Attribution | None,
    last_quote_speaker: Speaker | None,
    history: list[Speaker],
    last_event_position: int,
) -> Speaker:
    """An unattributed quote continues the speaker in view: the previous quote's, or the
    subject of the latest speech event in this paragraph or the one before. A quote that is a
    paragraph of its own, with no attribution and after no speech event, is the words of the
    person the paragraph before is about, its latest subject: "Viguerie is upbeat about
    Cruz's chances." then "“Not only can Ted Cruz win ...”". A "he" or a "she" that found no
    one is no organisation's: "The Sunday Times reported ..." then `"...," she said`."""
    if span.continues_previous and last_quote_speaker is not None:
        return last_quote_speaker
    text = extraction.text
    paragraph = extraction._paragraph_start(span.open_mark)
    position = paragraph - 1
    while position > 0 and text[position - 1].isspace():
        position -= 1
    previous_paragraph = extraction._paragraph_start(max(position, 0))
    if history and last_event_position >= previous_paragraph:
        personal = (
            attribution is not None
            and text[attribution.subject_start : attribution.subject_end].lower()
            in lexicon.PERSON_PRONOUNS
        )
        return (
            Speaker(None, None) if personal and history[-1].kind == "organisation" else history[-1]
        )
    if attribution is None and paragraph > 0 and _stands_alone(text, paragraph, span):
        index = bisect.bisect_left(extraction.subject_positions, paragraph) - 1
        if index >= 0 and extraction.subject_positions[index] >= previous_paragraph:
            mention_position, person = extraction.subject_mentions[index]
            return Speaker(person.name, "person", person, mention_position)
    return Speaker(None, None)
