"""Run quote, people and organisation extraction on text files, printing JSON lines.

Editors and developers need to see what the extractor makes of an article before it goes into
the archive, and to compare runs while tuning the rules. This command reads plain-text files,
touches no database, and prints one JSON object per file so the output can be piped to `jq` or
diffed. Offsets index the file's text as read in UTF-8, so `text[start:end]` is the quote.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.extraction import ExtractionResult, extract


def result_as_json(path: str, result: ExtractionResult) -> dict:
    """The JSON shape the command prints for one file."""
    return {
        "path": path,
        "quotes": [
            {
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "speaker": quote.speaker,
                "speaker_type": quote.speaker_type,
                "partial": quote.partial,
                "verb": quote.verb,
            }
            for quote in result.quotes
        ],
        "people": [
            {"name": person.name, "aliases": list(person.aliases), "role": person.role}
            for person in result.people
        ],
        "organisations": [
            {"name": organisation.name, "aliases": list(organisation.aliases)}
            for organisation in result.organisations
        ],
    }


class Command(BaseCommand):
    help = (
        "Extract direct quotes with their speakers, people and organisations from plain-text "
        "files and print one JSON object per file per line. Nothing is written to the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json",
            dest="files",
            nargs="+",
            type=Path,
            required=True,
            metavar="FILE",
            help="UTF-8 text files to extract from.",
        )

    def handle(self, *args, files: list[Path], **options) -> None:
        failures = 0
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                failures += 1
                reason = error.strerror if isinstance(error, OSError) else f"not UTF-8 ({error})"
                self.stderr.write(self.style.ERROR(f"{path}: cannot read: {reason}"))
                continue
            result = extract(text)
            self.stdout.write(json.dumps(result_as_json(str(path), result), ensure_ascii=False))
        if failures:
            raise CommandError(
                f"{failures} of {len(files)} file(s) could not be read; fix or drop them and rerun."
            )
