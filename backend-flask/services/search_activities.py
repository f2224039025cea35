"""Full-text search over live cruds and replies, newest first."""

import json
from typing import Annotated

from pydantic import StringConstraints

from lib.cognito_jwt_token import Caller, read_as
from lib.pagination import TIME_KEY, Page, page, time_keyset
from lib.validation import RequestModel, parse

# Index entries one statement reads at most, shared among the term's words
# (db/sql/activities/search.sql): what bounds a search's work.
WINDOW_BUDGET = 100
# A page the windows leave short goes on into older ones, this many in all.
MAX_WINDOWS = 4


class SearchQuery(RequestModel):
    term: Annotated[str, StringConstraints(min_length=1, max_length=100)]


def search_activities(args: dict, viewer: Caller | None = None) -> str:
    """One page of matches, newest first, as JSON text."""
    term = parse(SearchQuery, args).term
    current = page(args, TIME_KEY)
    found = []
    for _ in range(MAX_WINDOWS):
        params = time_keyset(current) | {"term": term, "budget": WINDOW_BUDGET}
        result = json.loads(read_as(viewer, "activities/search", params))
        found += result["items"]
        cursor = result["next_cursor"]
        if cursor is None or len(found) == current.limit:
            break
        current = Page(current.limit - len(found), page({"cursor": cursor}, TIME_KEY).after)
    return json.dumps({"items": found, "next_cursor": cursor}, separators=(",", ":"))
