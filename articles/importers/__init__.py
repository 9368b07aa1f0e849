"""Reading articles from files: plain text, HTML pages, RSS/Atom feeds, WARC archives, our own
JSON Lines export, Reuters-21578 SGML and the BBC dataset's folders.

`sources` finds the files and their formats and turns them into jobs; `runner` runs the jobs
(parsing, then extraction) in worker processes; every parser yields the plain records of
`records`, which `articles.services.article_import` writes. Nothing here imports Django, so
workers start fast and parsers can be tested on their own. This module re-exports nothing, so
that importing `articles.importers.runner` (as the services do) does not load the HTML
extractor.
"""
