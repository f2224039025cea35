"""The contract fuzzer behind bin/fuzz: schemathesis over every operation of
openapi-3.0.yml (runner.py), with hooks that bend real cursors, handles and
uuids into near misses (hooks.py). It runs in a virtualenv of its own, made
from the lock requirements.txt beside this file."""
