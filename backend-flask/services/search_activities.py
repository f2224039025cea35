"""Full-text search over live cruds."""

from typing import Annotated

from pydantic import StringConstraints

from lib.db import db
from lib.errors import ApiError
from lib.pagination import check_time_and_uuid, page
from lib.validation import RequestModel, parse

FIRST_PAGE = {"after_rank": "Infinity", "after_time": "infinity", "after_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}


class SearchQuery(RequestModel):
    term: Annotated[str, StringConstraints(min_length=1, max_length=100)]


def search_activities(args: dict, viewer_uuid=None) -> str:
    """One page of matches, best first, as JSON text."""
    query = parse(SearchQuery, args)
    current = page(args, parts=3)
    params = {"term": query.term, "limit": current.limit, "viewer_uuid": viewer_uuid} | FIRST_PAGE
    if current.after is not None:
        rank, time_text, uuid_text = current.after
        check_time_and_uuid(time_text, uuid_text)
        try:
            float(rank)
        except ValueError:
            raise ApiError(400, "cursor_invalid") from None
        params |= {"after_rank": rank, "after_time": time_text, "after_uuid": uuid_text}
    return db.query_value("activities/search", params)
