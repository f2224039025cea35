-- Demo data for development. Safe to run again: existing rows are kept.
INSERT INTO users (cognito_user_id, handle, email, display_name, bio)
VALUES
  ('local-demo-andrew', 'andrewbrown', 'andrew@example.com', 'Andrew Brown', 'Cloud builder. Posts expire; ideas do not.'),
  ('local-demo-bayko', 'bayko', 'bayko@example.com', 'Andrew Bayko', 'Making things that last a day.'),
  ('local-demo-londo', 'londo', 'londo@example.com', 'Londo Mollari', 'Ambassador, occasional poet.')
ON CONFLICT DO NOTHING;
