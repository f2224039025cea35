-- One home for the page envelope every list answers: `{"items": [...],
-- "next_cursor": ...}`. A list's SQL aggregates up to limit + 1 items in page
-- order (the one past the limit only says that more follow) and keyset_page()
-- writes the page: the first `page_limit` items, and when more follow, the
-- cursor of the last of them, from the sort key every item carries as its
-- `created_at` and `uuid` (else `otherwise`, for a list that knows where it
-- goes on without one more item). Plain expressions, so that PostgreSQL
-- inlines them into each list's statement.
CREATE FUNCTION keyset_page(items json[], page_limit integer, otherwise text DEFAULT NULL)
RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'items', coalesce(array_to_json(items[1:page_limit]), '[]'),
  'next_cursor', CASE
    WHEN cardinality(items) > page_limit
      THEN page_cursor(items[page_limit] ->> 'created_at', items[page_limit] ->> 'uuid')
    ELSE otherwise END);

-- The page with other fields of the answer before it (`fields`, a JSON object
-- of at least one field), as JSON text.
CREATE FUNCTION keyset_page_with(fields json, items json[], page_limit integer, otherwise text DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN left(fields::text, -1) || ', ' || substr(keyset_page(items, page_limit, otherwise)::text, 2);
