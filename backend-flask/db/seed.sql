-- Demo data for development. Safe to run again: existing rows are kept.
-- Every demo person signs in with the local provider using the password
-- Crud-Demo-2026 (printed by ./bin/dev).
INSERT INTO local_identities (sub, email, handle, display_name, password_hash, confirmed_at)
VALUES
  ('00000000-0000-4000-8000-00000000a001', 'andrew@example.com', 'andrewbrown', 'Andrew Brown',
   '$argon2id$v=19$m=65536,t=3,p=4$32RRQW6/Ke21XP/HAXrqHA$G/BA1uPC2WqbW1yAsL60h5MV7uh1j9Ns0dkVZiUMKVM', now()),
  ('00000000-0000-4000-8000-00000000a002', 'bayko@example.com', 'bayko', 'Andrew Bayko',
   '$argon2id$v=19$m=65536,t=3,p=4$32RRQW6/Ke21XP/HAXrqHA$G/BA1uPC2WqbW1yAsL60h5MV7uh1j9Ns0dkVZiUMKVM', now()),
  ('00000000-0000-4000-8000-00000000a003', 'londo@example.com', 'londo', 'Londo Mollari',
   '$argon2id$v=19$m=65536,t=3,p=4$32RRQW6/Ke21XP/HAXrqHA$G/BA1uPC2WqbW1yAsL60h5MV7uh1j9Ns0dkVZiUMKVM', now())
ON CONFLICT DO NOTHING;

INSERT INTO users (cognito_user_id, handle, email, display_name, bio)
VALUES
  ('00000000-0000-4000-8000-00000000a001', 'andrewbrown', 'andrew@example.com', 'Andrew Brown',
   'Cloud builder. Posts expire; ideas do not.'),
  ('00000000-0000-4000-8000-00000000a002', 'bayko', 'bayko@example.com', 'Andrew Bayko',
   'Making things that last a day.'),
  ('00000000-0000-4000-8000-00000000a003', 'londo', 'londo@example.com', 'Londo Mollari',
   'Ambassador, occasional poet.')
ON CONFLICT DO NOTHING;
