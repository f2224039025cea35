-- The content version: it changes with every committed write that a read route shows.
SELECT sum(version)::bigint FROM content_versions
