DROP FUNCTION activity_json(activities, users, boolean, boolean);
DROP FUNCTION avatar_url(text, text, integer);
DROP FUNCTION iso_time(timestamptz);
DROP FUNCTION page_cursor(text[]);
DROP TABLE notifications;
DROP TABLE reposts;
DROP TABLE likes;
DROP TABLE activities;
