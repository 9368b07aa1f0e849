"""Where an import's worker and search-index processes start from.

They start from a forkserver: a clean interpreter, not a copy of the importing process with its
open database connection and threads. A clean interpreter has nothing imported, though, and
each child used to import Django, the parsers, the extractor and Whoosh itself, 0.3 to 0.5
CPU-seconds apiece, four children per import: a tenth of a 450-page import's CPU time. The
forkserver now imports them once (`PRELOADED`) and every child is forked from it warm.

Only modules that read no settings when imported are preloaded. The children set Django up
themselves, with the importing process's database and index (temporary ones, in tests), and a
module that reads settings on import would fix them in the forkserver first: haystack, for
one, builds its connections from the settings when imported.
"""

from multiprocessing import get_context

from django.conf import settings

PRELOADED = (
    "articles.importers.sources",  # every parser, trafilatura, bleach and the extractor
    "articles.index_process",
    "django.contrib.admin",
    "django.db.migrations",
    "django.db.models",
    "django.views.generic",
    "whoosh.codec.whoosh3",
    "whoosh.filedb.filestore",
    "whoosh.highlight",
    "whoosh.qparser",
    "whoosh.searching",
    "whoosh.writing",
)


def forkserver_context():
    """The multiprocessing context for children, with the forkserver set to preload
    `PRELOADED` and the database backend in use. The preload list counts only before the
    forkserver starts, once per process; later calls change nothing."""
    context = get_context("forkserver")
    engine = settings.DATABASES["default"]["ENGINE"] if settings.configured else None
    context.set_forkserver_preload([*PRELOADED, *([f"{engine}.base"] if engine else [])])
    return context
