"""The harnesses that exercise the whole app from outside: the benchmark
(bin/bench), the fault scenarios (bin/chaos) and the contract fuzzer (bin/fuzz).

Each is a subpackage run as a module (`python -m harness.bench`) by its script
in bin/, which first installs what it needs and starts the stores it measures.
"""

import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wait_until(predicate, seconds: float, step: float = 0.1) -> bool:
    """Whether `predicate()` came true within `seconds`, asked every `step`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
