-- The content version: every committed write that a read route shows moves it on.
SELECT sum(version)::bigint FROM content_versions
