DROP TRIGGER activities_terms_replaced ON activities;
DROP TRIGGER activities_terms_removed ON activities;
DROP TRIGGER activities_terms_added ON activities;
DROP FUNCTION replace_activity_terms();
DROP FUNCTION remove_activity_terms();
DROP FUNCTION add_activity_terms();
DROP TABLE activity_terms;
CREATE INDEX activities_search_idx ON activities USING gin (search_vector) WITH (fastupdate = off);
