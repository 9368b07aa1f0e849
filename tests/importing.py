"""Running `import_articles` in a test and reading its summary line, for the import tests."""

import io
import re

from django.core.management import call_command
from django.core.management.base import CommandError


def run_import(*args, jobs=1):
    """Run the command; returns (stdout, stderr, error) where error is the CommandError
    raised for a non-zero exit status, or None. Any other exception fails the test."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_articles", *map(str, args), "--jobs", str(jobs), stdout=out, stderr=err
        )
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def summary(stdout):
    numbers = re.search(
        r"(\d+) imported, (\d+) updated, (\d+) skipped, (\d+) failed, (\d+) quotes", stdout
    )
    return dict(
        zip(
            ["imported", "updated", "skipped", "failed", "quotes"],
            map(int, numbers.groups()),
            strict=True,
        )
    )
