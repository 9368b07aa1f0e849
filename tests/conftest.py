"""Shared test fixtures: every test gets a fresh, real Whoosh index in a temp directory."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from haystack import connections


@pytest.fixture(autouse=True)
def empty_cache():
    """Log-in failure counts and other cached state never leak from one test to the next.

    Content types too: a transactional test's flush recreates them under new ids, and a
    stale cached id would make the admin's log entry fail its foreign key."""
    cache.clear()
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """Point Haystack at an empty on-disk Whoosh index for this test (as haystack's own
    WhooshTestCase does), and back afterwards."""
    original = connections.connections_info["default"]
    connections.connections_info["default"] = {
        "ENGINE": settings.WHOOSH_ENGINE,
        "PATH": str(tmp_path / "whoosh_index"),
    }
    backend = connections.reload("default")
    yield backend
    connections.connections_info["default"] = original
    connections.reload("default")
