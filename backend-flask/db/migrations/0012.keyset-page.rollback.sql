DROP FUNCTION keyset_page_with(json, json[], integer, text);
DROP FUNCTION keyset_page(json[], integer, text);
