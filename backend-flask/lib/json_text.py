"""JSON that PostgreSQL already built, passed through without decoding."""

from flask import Response


def json_response(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="application/json")
