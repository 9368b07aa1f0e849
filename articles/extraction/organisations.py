"""Organisations named in one text, with acronyms linked to the full names they stand for.

An acronym is linked to a full name when the text defines it ("National Security Council
(NSC)") or when its letters are the initials of a full name found in the same text or among
the archive's known organisations. The fuller form becomes the name and the acronym an alias,
so "the NSC's Kirby" and "the National Security Council" count as one organisation. A later
lone word that ends an earlier full name ("the Post" after "the Washington Post", "the League"
after "the Premier League") is a short form of it too; a lone kind of organisation that is
no such short form ("Police said") is no organisation.
"""

from dataclasses import dataclass, field

from . import lexicon
from .acronyms import initials
from .names import is_given_name
from .tokens import NAME, OrganisationSegment, token_class

# Last words a text drops from a name it has given in full: a company's corporate word
# ("Harrow & Vale" for "Harrow & Vale Group") and the kind of a society named for a cause
# or a movement ("Kenya Red Cross" for "Kenya Red Cross Society").
_DROPPED_LAST_WORDS = lexicon.CORPORATE_WORDS | frozenset({"society", "foundation"})
# Words that open the complement of a name: "Department for ...", "Bank of ...".
_COMPLEMENT_OPENERS = frozenset({"of", "for", "on"})


@dataclass
class Organisation:
    name: str
    position: int
    forms: dict[str, None] = field(default_factory=dict)
    mentions: int = 0
    kinds: set[str] = field(default_factory=set)  # nouns the text gave as its kind: "firm"


def _key(name: str) -> str:
    """How a name is compared: without "the", case or the hyphens some writers put between
    its words ("High-Speed Downlink Packet Access" and "High Speed ...")."""
    name = " ".join(name.replace("-", " ").split())
    return name[4:].lower() if name.lower().startswith("the ") else name.lower()


class OrganisationRegistry:
    """Collects organisation mentions and merges acronyms with their full names."""

    def __init__(self, known_organisations: list[str]):
        self._known_by_initials = {
            initials(known): " ".join(known.split())
            for known in known_organisations
            if len(known.split()) >= 2
        }
        self._known = {_key(known): " ".join(known.split()) for known in known_organisations}
        self._by_key: dict[str, Organisation] = {}
        self._by_first_word: dict[str, str] = {}
        self.organisations: list[Organisation] = []

    def build(self, segments: list[OrganisationSegment]) -> None:
        """Register every segment, then fold each acronym into its full name."""
        definitions = {segment.defines: segment.text for segment in segments if segment.defines}
        full_by_initials: dict[str, str] = {}
        full_names: dict[str, str] = {}
        for segment in segments:
            if not segment.is_acronym and len(segment.text.split()) >= 2:
                full_by_initials.setdefault(initials(segment.text), segment.text)
                full_names.setdefault(_key(segment.text), segment.text)
        self._by_first_word: dict[str, str] = _by_first_word(
            segment.text for segment in segments if not segment.is_acronym and not segment.generic
        )
        by_last_word: dict[str, Organisation] = {}
        # The same, read ahead, for a short form met before its full name: "Rovers" in a
        # headline above "Blackmoor Rovers". Only a last word one full name has.
        later_by_last_word: dict[str, set[str]] = {}
        for full in full_names.values():
            if not _ends_in_complement(full):
                later_by_last_word.setdefault(full.split()[-1].lower(), set()).add(full)
        # Full company and society names by the name before their corporate word or their
        # kind, which the text also uses alone: "Harrow & Vale" for "Harrow & Vale Group",
        # "Kenya Red Cross" for "Kenya Red Cross Society".
        by_stem = {
            _key(stem): full
            for full in full_names.values()
            if (stem := full.rsplit(" ", 1)[0]).count(" ") >= 1
            and full.rsplit(" ", 1)[1].lower() in _DROPPED_LAST_WORDS
        }
        for segment in segments:
            name = segment.text
            if by_stem and not segment.is_acronym and (full := by_stem.get(_key(name))):
                organisation = self._get(full, segment.start)
                organisation.forms[" ".join(name.split())] = None
                organisation.mentions += 1
                self._by_key.setdefault(_key(name), organisation)
                continue
            fuller = by_last_word.get(name.lower()) if " " not in name else None
            if fuller is None and " " not in name and not segment.is_acronym:
                ahead = later_by_last_word.get(name.lower(), ())
                fuller = self._get(next(iter(ahead)), segment.start) if len(ahead) == 1 else None
            if fuller is not None and not segment.is_acronym:
                # "the Post" after "the Riverside Post": the short title of the same one.
                fuller.forms[name] = None
                fuller.mentions += 1
                self._by_key.setdefault(_key(name), fuller)
                continue
            if segment.generic:
                continue  # "Police", "the League": alone, a kind of organisation names none
            if " " not in name and not segment.is_acronym and (fuller := self.short_form_of(name)):
                # "Cairn" before or after "Cairn Energy": the first word of the one name.
                organisation = self._get(fuller, segment.start)
                organisation.forms[name] = None
                organisation.mentions += 1
                self._by_key.setdefault(_key(name), organisation)
                continue
            if segment.is_acronym:
                full = (
                    definitions.get(name)
                    or full_by_initials.get(name)
                    or self._known_by_initials.get(name)
                    or _loosely_abbreviated(name, [*full_names.values(), *self._known.values()])
                )
                if segment.doubtful and not full and _key(name) not in self._known:
                    continue  # "PLAY", "RAV4": a word in capitals or a code, spelled out nowhere
                organisation = self._get(full or name, segment.start)
                if full:
                    organisation.forms[name] = None
            else:
                organisation = self._get(name, segment.start)
                if " ".join(name.split()) != organisation.name:
                    organisation.forms[" ".join(name.split())] = None
            organisation.mentions += 1
            if segment.kind:
                organisation.kinds.add(segment.kind)
            self._by_key.setdefault(_key(name), organisation)
            if " " in organisation.name and not _ends_in_complement(organisation.name):
                by_last_word.setdefault(organisation.name.split()[-1].lower(), organisation)

    def _get(self, name: str, position: int) -> Organisation:
        key = _key(name)
        organisation = self._by_key.get(key)
        if organisation is None:
            organisation = Organisation(self._known.get(key) or " ".join(name.split()), position)
            self._by_key[key] = organisation
            self.organisations.append(organisation)
        return organisation

    def short_form_of(self, word: str) -> str | None:
        """The one multi-word organisation name in the text that `word` opens, when `word` is
        a plain name ("Cairn" for "Cairn Energy", "Leeds" for "Leeds United"), not a kind of
        body ("Labour", "Treasury"), a place or a given name."""
        names = {
            _key(organisation.name): organisation.name
            for organisation in self.organisations
            if organisation.name.split()[0] == word
        }
        found = self._by_first_word.get(word)
        if found is not None:
            names.setdefault(_key(found), found)
        return _by_first_word(names.values()).get(word)

    def note(self, name: str, position: int) -> str:
        """Count a mention of an organisation found by how it is used (the subject of a
        speech verb) rather than by its words, and return the name it is known by."""
        organisation = self._get(name, position)
        organisation.mentions += 1
        return organisation.name

    def find(self, name: str) -> Organisation | None:
        return self._by_key.get(_key(name))

    def find_by_word(self, word: str, before: int) -> Organisation | None:
        """The latest organisation before `before` whose name contains `word` ("ministry"),
        or opens with the word it is the clipped form of ("Fed" for "Federal Reserve")."""
        word = word.lower()
        clipped_from = lexicon.CLIPPED_WORDS.get(word)
        found = None
        for organisation in self.organisations:
            words = organisation.name.lower().split()
            if organisation.position < before and (
                word in words or (clipped_from is not None and words[0] == clipped_from)
            ):
                found = organisation
        return found

    def only_of_kind(self, noun: str, before: int) -> Organisation | None:
        """The one organisation named before `before` that a common noun for a kind of body
        can stand for ("the agency" for the Food and Drug Administration, "the company" for
        Electronic Arts); None if no organisation fits or more than one does."""
        earlier = [
            organisation for organisation in self.organisations if organisation.position < before
        ]
        for exactly in (True, False):
            fitting = [
                organisation for organisation in earlier if _fits(organisation, noun, exactly)
            ]
            if fitting:
                return fitting[0] if len(fitting) == 1 else None
        return None


def _ends_in_complement(name: str) -> bool:
    """Whether a name's last word belongs to its complement or to the last item of a list
    ("Department for Culture, Media and Sport"), where a lone "Sport" is no short form of
    it, as a lone "Post" is of "Washington Post"."""
    words = name.split()
    return words[-2] in ("and", "&") or any(word in _COMPLEMENT_OPENERS for word in words[1:-1])


def _by_first_word(names) -> dict[str, str]:
    """Multi-word organisation names by their first word, for the first words that open only
    one of them and can be a short form (see `OrganisationRegistry.short_form_of`)."""
    found: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        first = words[0]
        if (
            len(words) >= 2
            and words[1][:1].isupper()
            and token_class(first) == NAME
            and not is_given_name(first)
        ):
            found.setdefault(first, set()).add(" ".join(words))
    return {word: next(iter(names)) for word, names in found.items() if len(names) == 1}


def _loosely_abbreviated(acronym: str, names: list[str]) -> str | None:
    """The one name that `acronym` abbreviates in a looser way than by all its initials:
    read by its capitals alone ("M&S" for "Marks & Spencer", "MoJ" for "Ministry of Justice"),
    leaving out a last part after "and" ("CDC" for "Centers for Disease Control and
    Prevention") or the kind of body before "of" that opens the name ("ATF" for "Bureau of
    Alcohol, Tobacco and Firearms", "HHS" for "Department of Health and Human Services");
    None if no name fits or more than one does."""
    letters = "".join(ch for ch in acronym if ch.isupper() or ch.isdigit())
    if len(letters) < 2:
        return None
    fitting: dict[str, str] = {}
    for name in names:
        variants = {initials(name)}
        head, joint, tail = name.rpartition(" and ")
        if joint and len(letters) >= 3 and len(tail.split()) <= 2 and len(head.split()) >= 2:
            variants.add(initials(head))
        kind, of, remit = name.partition(" of ")
        if of and len(letters) >= 3 and kind.lower() in lexicon.ORGANISATION_KINDS:
            variants.add(initials(remit))
        if letters in variants:
            fitting.setdefault(_key(name), " ".join(name.split()))
    return next(iter(fitting.values())) if len(fitting) == 1 else None


def _fits(organisation: Organisation, noun: str, exactly: bool) -> bool:
    """Whether `noun` ("ministry", "agency", "company") can stand for the organisation:
    `exactly`, its name has the noun or the text gave the noun as its kind ("law firm
    Halpern Wexler"); else its name has a word of the same kind ("Administration" for
    "agency"). A company is often known by a name with no kind in it at all ("Electronic
    Arts", "Ernst and Young"), where a public body's name says what it is; an acronym alone
    says neither."""
    words = {
        word.strip(",.’'").lower()
        for form in (organisation.name, *organisation.forms)
        for word in form.split()
    }
    if exactly:
        return noun in words or noun in organisation.kinds
    kinds = lexicon.KINDS_FOR_HEADS.get(noun)
    if kinds is None:
        return False
    if not words.isdisjoint(kinds) or not organisation.kinds.isdisjoint(kinds):
        return True
    return (
        noun in lexicon.COMPANY_HEADS
        and not organisation.kinds
        and words.isdisjoint(lexicon.ORGANISATION_WORDS)
        and not organisation.name.isupper()
    )
