"""Full-text search over live cruds and replies, newest first."""

import json
from typing import Annotated

from pydantic import StringConstraints

from lib.pagination import TIME_KEY, Page, page, time_keyset
from lib.validation import RequestModel, parse
from services.callers import Caller, read_as

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
    wanted = page(args, TIME_KEY)
    found, after = [], wanted.after
    for _ in range(MAX_WINDOWS):
        params = time_keyset(Page(wanted.limit - len(found), after)) | {"term": term, "budget": WINDOW_BUDGET}
        text = read_as(viewer, "activities/search", params)
        result = json.loads(text)
        found += result["items"]
        cursor = result["next_cursor"]
        if cursor is None or len(found) == wanted.limit:
            break
        after = page({"cursor": cursor}, TIME_KEY).after
    if len(found) == len(result["items"]):
        return text  # the last window holds the whole page: its JSON as PostgreSQL built it
    return json.dumps({"items": found, "next_cursor": cursor}, separators=(",", ":"))
