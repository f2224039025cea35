"""Full-text search over live cruds."""

import math
from typing import Annotated

from pydantic import StringConstraints

from lib.db import db
from lib.pagination import RANK_KEY, TIME, UUID, page
from lib.validation import RequestModel, parse

FIRST_PAGE = {"after_rank": math.inf, "after_time": "infinity", "after_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}


class SearchQuery(RequestModel):
    term: Annotated[str, StringConstraints(min_length=1, max_length=100)]


def search_activities(args: dict, viewer_uuid=None) -> str:
    """One page of matches, best first, as JSON text."""
    query = parse(SearchQuery, args)
    current = page(args, RANK_KEY)
    params = {"term": query.term, "limit": current.limit, "viewer_uuid": viewer_uuid} | FIRST_PAGE
    if current.after is not None:
        rank, moment, item_uuid = current.after
        # The rank goes as a float8, which holds any real exactly.
        params |= {"after_rank": rank, "after_time": TIME.write(moment), "after_uuid": UUID.write(item_uuid)}
    return db.query_value("activities/search", params)
