INSERT INTO dev_outbox (email, purpose, code) VALUES (%(email)s, %(purpose)s, %(code)s)
