-- The content version: it changes with every committed write that a read route shows.
SELECT content_version()
