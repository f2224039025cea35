"""The rules for the fields people type when they sign up or sign in."""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from lib.validation import normalize_email, problem
from services.handles import is_handle

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CODE_PATTERN = re.compile(r"^[0-9]{6}$")


def _email(value: str) -> str:
    value = normalize_email(value)
    if len(value) > 254 or not EMAIL_PATTERN.match(value):
        raise problem("email_invalid")
    return value


def _handle(value: str) -> str:
    if not is_handle(value):
        raise problem("handle_invalid")
    return value


def _code(value: str) -> str:
    if not CODE_PATTERN.match(value):
        raise problem("code_invalid")
    return value


def _password(value: str) -> str:
    """Cognito's default policy: 8 or more characters with a lower- and an
    upper-case letter, a digit and a symbol."""
    checks = [
        (len(value) >= 8, "password_too_short"),
        (len(value) <= 256, "password_too_long"),
        (any(c.islower() for c in value), "password_needs_lowercase"),
        (any(c.isupper() for c in value), "password_needs_uppercase"),
        (any(c.isdigit() for c in value), "password_needs_number"),
        (any(not c.isalnum() and not c.isspace() for c in value), "password_needs_symbol"),
    ]
    for ok, code in checks:
        if not ok:
            raise problem(code)
    return value


Email = Annotated[str, StringConstraints(min_length=1), AfterValidator(_email)]
Handle = Annotated[str, StringConstraints(min_length=1), AfterValidator(_handle)]
DisplayName = Annotated[str, StringConstraints(min_length=1, max_length=50)]
Code = Annotated[str, StringConstraints(min_length=1), AfterValidator(_code)]
# Passwords are taken as typed: no trimming.
NewPassword = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False), AfterValidator(_password)]
Password = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
