"""Wagtail's database search backend, guarded against search boxes typed in by anyone.

- An odd number of double quotes (`"equity`) makes SQLite's full-text search fail ("unterminated
  string"): the quotes are dropped so the words are still searched.
- A filter the search backend cannot translate (Wagtail's image listing filtered by usage count while
  searching) answers 400 with a message instead of crashing.
"""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _
from modelsearch.backends.base import FilterError
from modelsearch.backends.database import SearchBackend as database_backend

_GUARDED = {}


def balanced(query):
    if isinstance(query, str) and query.count('"') % 2:
        return query.replace('"', " ")
    return query


class GuardedSearchMixin:
    def search(self, query, *args, **kwargs):
        return self._guarded(super().search, query, *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return self._guarded(super().autocomplete, query, *args, **kwargs)

    def _guarded(self, method, query, *args, **kwargs):
        try:
            return method(balanced(query), *args, **kwargs)
        except (FilterError, AttributeError) as error:
            raise BadRequest(
                _("This search cannot be combined with these filters. Search or filter, not both.")
            ) from error


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    base = type(database_backend(params))
    if base not in _GUARDED:
        _GUARDED[base] = type(f"Guarded{base.__name__}", (GuardedSearchMixin, base), {})
    return _GUARDED[base](params)
