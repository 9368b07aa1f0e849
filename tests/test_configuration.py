"""Scale-out by configuration: environment variables alone choose the database and engine."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.settings import WHOOSH_ENGINE, haystack_connection

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("search_url", "expected"),
    [
        ("whoosh:///srv/newsroom/index", {"ENGINE": WHOOSH_ENGINE, "PATH": "/srv/newsroom/index"}),
        (
            "elasticsearch7://search.internal:9200/newsroom",
            {
                "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
                "URL": "http://search.internal:9200",
                "INDEX_NAME": "newsroom",
            },
        ),
        (
            "solr://search.internal:8983/solr/newsroom",
            {
                "ENGINE": "haystack.backends.solr_backend.SolrEngine",
                "URL": "http://search.internal:8983/solr/newsroom",
            },
        ),
    ],
)
def test_search_url_resolves_to_the_haystack_engine(search_url, expected):
    assert haystack_connection(search_url) == {**expected, "INCLUDE_SPELLING": True}


def settings_in_subprocess(env_overrides):
    """The settings a fresh process builds from these environment variables."""
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'search': settings.HAYSTACK_CONNECTIONS['default'],"
        " 'db': settings.DATABASES['default']['ENGINE'],"
        " 'db_name': settings.DATABASES['default']['NAME']}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SEARCH_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings", "DJANGO_DEBUG": "1"})
    env.update(env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_environment_switches_database_and_search_engine_without_code_change(tmp_path):
    resolved = settings_in_subprocess(
        {
            "NEWSROOM_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://archive@db.internal:5432/newsroom",
            "SEARCH_URL": "elasticsearch7://search.internal:9200/newsroom",
        }
    )
    assert resolved["db"] == "django.db.backends.postgresql"
    assert resolved["db_name"] == "newsroom"
    assert resolved["search"]["ENGINE"].endswith("Elasticsearch7SearchEngine")


def test_defaults_are_embedded_sqlite_and_whoosh_under_the_var_dir(tmp_path):
    resolved = settings_in_subprocess({"NEWSROOM_VAR_DIR": str(tmp_path)})
    assert resolved["db"] == "django.db.backends.sqlite3"
    assert resolved["db_name"] == str(tmp_path / "newsroom.sqlite3")
    assert resolved["search"]["ENGINE"] == WHOOSH_ENGINE
    assert resolved["search"]["PATH"] == str(tmp_path / "whoosh_index")
