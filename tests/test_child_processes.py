"""The forkserver an import's children start from preloads modules only if they read no
settings on import: the children set Django up with the importing process's database and
search index, which a module configured in the forkserver would have fixed already."""

import os
import subprocess
import sys
from pathlib import Path

from articles.child_processes import PRELOADED

ROOT = Path(__file__).resolve().parent.parent


def test_preloaded_modules_import_without_settings_or_haystack():
    check = (
        "import sys\n"
        f"for name in {list(PRELOADED)!r}:\n"
        "    __import__(name)\n"
        "from django.conf import settings\n"
        "print(settings.configured, 'haystack' in sys.modules)\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
