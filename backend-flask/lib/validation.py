"""Request validation: pydantic models in, stable error codes out.

Every problem in a body is reported at once, as `<field>_<problem>` codes:
`message_blank`, `message_exceed_max_chars`, `ttl_invalid`... A validator
can also raise `problem("password_needs_number")`, used as the code itself.
"""

import unicodedata

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from lib.errors import ApiError, ValidationFailed

# pydantic error type -> the suffix of our code
PROBLEMS = {
    "missing": "blank",
    "string_too_short": "blank",
    "string_too_long": "exceed_max_chars",
}


class RequestModel(BaseModel):
    """Base for request bodies: surrounding blanks trimmed, unknown fields ignored,
    and no NUL character in any text (PostgreSQL cannot store one): `<field>_invalid`."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise PydanticCustomError("string_nul", "NUL characters are not allowed")
        return value


def normalize_email(value: str) -> str:
    """The one spelling of an email the API stores, looks up and counts by:
    one mailbox cannot have two accounts or two rate-limit windows. The
    database compares the result as it is, never folding case itself."""
    return unicodedata.normalize("NFC", value.strip()).lower()


def problem(code: str) -> PydanticCustomError:
    """An error for a validator to raise, reported as `code` exactly."""
    return PydanticCustomError(code, code.replace("_", " "), {"custom": True})


def error_codes(error: ValidationError) -> list[str]:
    codes = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "body"
        kind = item["type"]
        if kind in PROBLEMS:
            code = f"{field}_{PROBLEMS[kind]}"
        elif item.get("ctx", {}).get("custom"):
            code = kind
        else:
            code = f"{field}_invalid"
        if code not in codes:
            codes.append(code)
    return codes


def parse(model: type[RequestModel], data) -> RequestModel:
    """The body as `model`, or a 422 listing every problem; 400 if it is not a JSON object."""
    if not isinstance(data, dict):
        raise ApiError(400, "body_not_json_object")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ValidationFailed(error_codes(error)) from None
