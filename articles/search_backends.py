"""Our Haystack Whoosh backend: the one place where the stock backend's gaps are fixed."""

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend


class NewsroomWhooshBackend(WhooshSearchBackend):
    pass


class NewsroomWhooshEngine(WhooshEngine):
    backend = NewsroomWhooshBackend
