"""The fault scenarios behind bin/chaos: load on a running stack, PostgreSQL
restarted and DynamoDB Local killed under it, and a soak (runner.py)."""
