DROP INDEX activities_user_idx;
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC) WHERE reply_to_activity_uuid IS NULL;
