"""Score the quote extractor against PolNeAR's hand-annotated attributions, and time it.

Run from anywhere: `.venv/bin/python benchmarks/extraction.py [--limit N]`. It reads
`../shared/corpus/polnear/train/` relative to the project root, in place.

Gold quotes. PolNeAR marks attributions as Source / Cue / Content spans. A gold direct quote is
each stretch of a Content span that stands between quotation marks (the marks are paired
inside the Content span, a mark left open runs to the span's end), cut at paragraph breaks
because the extractor reports one quote per paragraph. Articles annotated by several people
use the first annotator's file in name order.

Matching. PolNeAR often cuts one long quote into several Content spans, one per sentence, so
matching is by coverage rather than one-to-one: a gold quote is found (recall) when at least
half of its characters lie inside predicted quotes, and a prediction is correct (precision)
when at least half of its characters lie inside gold quotes. Exact figures count quotes whose
offsets are identical on both sides once whitespace and edge punctuation are trimmed. The
main figures count quotes of three words or more on both sides, because the issue rules out
one- and two-word quoted titles, nicknames and scare quotes, which PolNeAR does not tell apart
from one-word partial quotes; figures over all lengths follow.

Speaker accuracy. Over found gold quotes (judged by the prediction covering most of them)
whose gold Source is named (holds a capitalised word
that is not a pronoun or determiner), a speaker is right when the last word of our speaker
appears among the gold Source's words, or the gold Source's last word among ours
("Haley Morris" is right for "Spokeswoman Haley Morris"; "a former US diplomat" for
"A former US diplomat"). A second figure adds gold pronoun Sources, resolved to the nearest
earlier named gold Source in the same article, since the corpus ships no coreference.

The articles are split in two halves by name order (even and odd positions): the rules were
developed looking at the first half only, so the second half is a held-out check.
"""

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from articles.extraction import extract  # noqa: E402

CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "polnear" / "train"
_HEADER = re.compile(r"T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_OTHER_LINE = re.compile(r"[EAR#*N]\d*\t")
# Double quotation marks, also written as two single ones: ‘‘...’’ (wire copy), ``...'' and
# ''...'' (the New York Times archive texts in the corpus).
_MARKS = re.compile(r"[\"“”]|‘‘|’’|``|''")
_NAIVE = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")
_NOT_NAMES = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
    ]
)
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_EDGE = " \t\n,.;:!?—–-…'’\"“”"


@dataclass
class GoldQuote:
    start: int
    end: int
    source: str | None


def parse_annotations(ann: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], list]:
    """Read brat standoff by its grammar: a T line's text is exactly as long as its fragments
    joined by single spaces, so it may run over lines; other lines stand alone."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations = []
    position = 0
    while position < len(ann):
        header = _HEADER.match(ann, position)
        if header:
            fragments = [
                (int(a), int(b)) for a, b in (part.split() for part in header.group(3).split(";"))
            ]
            length = sum(end - start for start, end in fragments) + len(fragments) - 1
            text_start = header.end()
            spans["T" + header.group(1)] = (
                header.group(2),
                fragments,
                ann[text_start : text_start + length],
            )
            position = text_start + length
            newline = ann.find("\n", position)
            position = len(ann) if newline == -1 else newline + 1
            continue
        newline = ann.find("\n", position)
        line = ann[position : len(ann) if newline == -1 else newline]
        if line.startswith("E"):
            fields = dict(
                part.split(":", 1) for part in line.split("\t", 1)[1].split() if ":" in part
            )
            relations.append(fields)
        elif line and not _OTHER_LINE.match(line):
            raise ValueError(f"unreadable annotation line: {line[:60]!r}")
        position = len(ann) if newline == -1 else newline + 1
    return spans, relations


def _quoted_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of [start, end) inside quotation marks, paired left to right."""
    lo, hi = max(0, start - 1), min(len(text), end + 1)
    parts = []
    open_at = None
    for match in _MARKS.finditer(text, lo, hi):
        position = match.start()
        mark = match.group()
        if open_at is None:
            if mark in ("”", "’’"):
                parts.append((start, position))  # the span began inside the quote
            else:
                open_at = match.end()
        else:
            parts.append((open_at, position))
            open_at = None
    if open_at is not None:
        parts.append((open_at, end))
    pieces = []
    for part_start, part_end in parts:
        part_start, part_end = max(part_start, start), min(part_end, end)
        for piece_start, piece_end in _split_lines(text, part_start, part_end):
            if re.search(r"\w", text[piece_start:piece_end]):
                pieces.append((piece_start, piece_end))
    return pieces


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        piece_start, piece_end = start + match.start(), start + match.end()
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            pieces.append((piece_start, piece_end))
    return pieces


def _is_named(source: str) -> bool:
    return any(word[0].isupper() and word.lower() not in _NOT_NAMES for word in source.split())


def gold_quotes(text: str, ann: str) -> list[GoldQuote]:
    spans, relations = parse_annotations(ann)
    quotes = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        source = spans.get(relation.get("Source", ""))
        source_text = " ".join(source[2].split()) if source else None
        for start, end in content[1]:
            for part_start, part_end in _quoted_parts(text, start, end):
                quotes.append(GoldQuote(part_start, part_end, source_text))
    quotes.sort(key=lambda quote: quote.start)
    return quotes


def _resolved_sources(quotes: list[GoldQuote]) -> list[str | None]:
    resolved = []
    last_named = None
    for quote in quotes:
        if quote.source and _is_named(quote.source):
            last_named = quote.source
            resolved.append(quote.source)
        elif quote.source and quote.source.lower() in ("he", "she", "they"):
            resolved.append(last_named)
        else:
            resolved.append(None)
    return resolved


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    """How many characters of `span` lie inside any of `others` (which do not overlap)."""
    start, end = span
    return sum(max(0, min(end, o_end) - max(start, o_start)) for o_start, o_end in others)


def _best_cover(span: tuple[int, int], others: list[tuple[int, int]]) -> int | None:
    """The index of the span in `others` that overlaps `span` most, if any does."""
    best, best_overlap = None, 0
    for index, (o_start, o_end) in enumerate(others):
        overlap = min(span[1], o_end) - max(span[0], o_start)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _speaker_right(ours: str | None, gold: str) -> bool:
    if not ours:
        return False
    our_words = [word.strip(".,’'").lower() for word in ours.split()]
    gold_words = [
        word.strip(".,’'\"“”").lower().removesuffix("’s").removesuffix("'s")
        for word in gold.split()
    ]
    return our_words[-1] in gold_words or gold_words[-1] in our_words


class Score:
    def __init__(self) -> None:
        self.gold = self.predicted = self.found = self.correct = 0
        self.exact_gold = self.exact_predicted = 0
        self.speaker_total = self.speaker_right = 0
        self.resolved_total = self.resolved_right = 0

    def line(self, name: str) -> str:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        exact_p = self.exact_predicted / self.predicted if self.predicted else 0.0
        exact_r = self.exact_gold / self.gold if self.gold else 0.0
        return (
            f"{name:<22} gold {self.gold:5d}  predicted {self.predicted:5d}  "
            f"P {precision:.3f}  R {recall:.3f}  F1 {_f1(precision, recall):.3f}  | exact "
            f"P {exact_p:.3f} R {exact_r:.3f} F1 {_f1(exact_p, exact_r):.3f}"
        )

    def speaker_line(self) -> str:
        named = self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        resolved = self.resolved_right / self.resolved_total if self.resolved_total else 0.0
        return (
            f"{'':<22} speaker accuracy, named gold source: {named:.3f} "
            f"({self.speaker_right}/{self.speaker_total}); with gold pronouns resolved: "
            f"{resolved:.3f} ({self.resolved_right}/{self.resolved_total})"
        )


def score_article(text: str, gold: list[GoldQuote], predicted, score: Score, speakers) -> None:
    gold_spans = [(quote.start, quote.end) for quote in gold]
    score.gold += len(gold)
    score.predicted += len(predicted)
    score.correct += sum(_covered(span, gold_spans) * 2 >= span[1] - span[0] for span in predicted)
    trimmed_predicted = {_trim(text, *span) for span in predicted}
    score.exact_gold += sum(_trim(text, *span) in trimmed_predicted for span in gold_spans)
    trimmed_gold = {_trim(text, *span) for span in gold_spans}
    score.exact_predicted += sum(_trim(text, *span) in trimmed_gold for span in predicted)
    resolved = _resolved_sources(gold)
    for index, span in enumerate(gold_spans):
        if _covered(span, predicted) * 2 < span[1] - span[0]:
            continue
        score.found += 1
        if speakers is None:
            continue
        ours = speakers[_best_cover(span, predicted)]
        source = gold[index].source
        if source and _is_named(source):
            score.speaker_total += 1
            score.speaker_right += _speaker_right(ours, source)
        if resolved[index]:
            score.resolved_total += 1
            score.resolved_right += _speaker_right(ours, resolved[index])


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def naive_quotes(text: str) -> list[tuple[int, int]]:
    """The baseline: whatever stands between two double quotes on one line."""
    spans = []
    for match in _NAIVE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = (
            _split_lines(text, match.start(group), match.end(group))[0]
            if match.group(group).strip()
            else (0, 0)
        )
        if end > start:
            spans.append((start, end))
    return spans


def load_articles(limit: int | None) -> list[tuple[str, str, str]]:
    articles = []
    annotations = sorted((CORPUS / "attributions").glob("*.ann"))
    seen = set()
    for ann_path in annotations:
        name = ann_path.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        text_path = CORPUS / "text" / f"{name}.txt"
        articles.append(
            (name, text_path.read_text(encoding="utf-8"), ann_path.read_text(encoding="utf-8"))
        )
    return articles[:limit] if limit else articles


def _long(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of the spans of at least three words."""
    return [i for i, (start, end) in enumerate(spans) if len(_WORD.findall(text, start, end)) >= 3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print N missed and N spurious quotes")
    parser.add_argument("--half", choices=("dev", "held-out", "both"), default="both")
    options = parser.parse_args()
    articles = load_articles(options.limit)
    halves = {"first half (dev)": articles[0::2], "second half (held out)": articles[1::2]}
    if options.half != "both":
        halves = dict([list(halves.items())[0 if options.half == "dev" else 1]])
    timings: list[float] = []
    naive_timings: list[float] = []
    words = 0
    for half_name, half in halves.items():
        scores = {key: Score() for key in ("long", "long naive", "all", "all naive")}
        shown: list[str] = []
        for _name, text, ann in half:
            gold = gold_quotes(text, ann)
            started = time.perf_counter()
            result = extract(text)
            timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            baseline = naive_quotes(text)
            naive_timings.append(time.perf_counter() - started)
            words += len(text.split())
            predicted = [(quote.start, quote.end) for quote in result.quotes]
            speakers = [quote.speaker for quote in result.quotes]
            score_article(text, gold, predicted, scores["all"], speakers)
            score_article(text, gold, baseline, scores["all naive"], None)
            long_gold = [gold[i] for i in _long(text, [(g.start, g.end) for g in gold])]
            long_predicted = _long(text, predicted)
            score_article(
                text,
                long_gold,
                [predicted[i] for i in long_predicted],
                scores["long"],
                [speakers[i] for i in long_predicted],
            )
            long_baseline = [baseline[i] for i in _long(text, baseline)]
            score_article(text, long_gold, long_baseline, scores["long naive"], None)
            if options.show:
                shown += _differences(text, long_gold, result.quotes)
        print(f"== {half_name}: {len(half)} articles")
        print("quotes of three words or more (the issue's definition of a quote):")
        print(scores["long"].line("  extractor"))
        print(scores["long"].speaker_line())
        print(scores["long naive"].line("  naive regex baseline"))
        print("quotes of any length (PolNeAR also marks one-word quoted terms):")
        print(scores["all"].line("  extractor"))
        print(scores["all"].speaker_line())
        print(scores["all naive"].line("  naive regex baseline"))
        for line in shown[: options.show]:
            print("   ", line)
    total = sum(timings)
    print(
        f"== speed over {len(timings)} articles, {words / len(timings):.0f} words on average: "
        f"extractor {len(timings) / total:.0f} articles/s, median "
        f"{statistics.median(timings) * 1000:.2f} ms/article; naive regex "
        f"{len(naive_timings) / sum(naive_timings):.0f} articles/s, median "
        f"{statistics.median(naive_timings) * 1000:.3f} ms/article"
    )


def _differences(text: str, gold: list[GoldQuote], quotes) -> list[str]:
    """Missed gold quotes, spurious predictions and wrong speakers, for reading by eye."""
    predicted = [(quote.start, quote.end) for quote in quotes]
    gold_spans = [(quote.start, quote.end) for quote in gold]
    lines = []
    for quote, span in zip(gold, gold_spans, strict=True):
        if _covered(span, predicted) * 2 < span[1] - span[0]:
            lines.append(f"MISSED   {text[span[0] : span[1]][:100]!r}")
            continue
        ours = quotes[_best_cover(span, predicted)].speaker
        if quote.source and _is_named(quote.source) and not _speaker_right(ours, quote.source):
            context = " ".join(text[max(0, span[0] - 150) : span[1] + 100].split())
            lines.append(f"SPEAKER  {ours!r} vs gold {quote.source!r}: {context!r}")
    for quote, span in zip(quotes, predicted, strict=True):
        if _covered(span, gold_spans) * 2 < span[1] - span[0] and len(quote.text.split()) >= 3:
            lines.append(f"SPURIOUS {quote.text[:100]!r}")
    return lines


if __name__ == "__main__":
    main()
