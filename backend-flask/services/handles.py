"""What a handle is: 3 to 30 ASCII letters, digits or underscores (the users
table checks the same), matched without regard to case."""

import re

HANDLE = "[A-Za-z0-9_]{3,30}"


def is_handle(text: str) -> bool:
    return re.fullmatch(HANDLE, text) is not None
