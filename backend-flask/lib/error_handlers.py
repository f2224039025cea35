"""One JSON envelope, `{"errors": ["code", ...]}`, for every 4xx and 5xx."""

import logging

from flask import current_app, jsonify
from werkzeug.exceptions import HTTPException

from lib.errors import HTTP_CODES, ApiError

log = logging.getLogger(__name__)


def error_response(status: int, *codes: str, **extra):
    response = jsonify({"errors": list(codes), **extra})
    response.status_code = status
    return response


def register_error_handlers(app):
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        response = error_response(error.status, *error.codes, **error.details)
        response.headers.update(error.headers)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        status = error.code or 500
        response = error_response(status, HTTP_CODES.get(status, "http_error"))
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error")
        for report in current_app.extensions.get("error_reporters", []):
            report(error)
        return error_response(500, "internal_error")
