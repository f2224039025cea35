"""JSON that PostgreSQL already built, passed through without decoding."""

from flask import Response


def json_response(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="application/json")


def with_fields(object_text: str, **fields: str) -> str:
    """A JSON object (as text, not empty) with more fields, given as JSON texts,
    put in front: with_fields('{"items": []}', profile='{...}')."""
    head = ",".join(f'"{name}":{text}' for name, text in fields.items())
    return "{" + head + "," + object_text.lstrip()[1:]
