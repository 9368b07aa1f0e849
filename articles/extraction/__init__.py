"""Offline extraction of direct quotes, speakers, people and organisations from news text.

Pure functions on strings: no Django, no network, no model files, so the importer can run it
on every article and tests can call it directly. The one entry point is `extract()`.
"""

from .pipeline import extract
from .results import ExtractionResult, OrganisationFound, PersonFound, QuoteFound

__all__ = ["ExtractionResult", "OrganisationFound", "PersonFound", "QuoteFound", "extract"]
