"""The one error type: an HTTP status and stable snake_case codes. Plain
Python, so services (and the Lambdas that share them) can raise it without Flask."""

# Codes for the HTTP errors the frameworks raise themselves (Werkzeug's, Starlette's).
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
}


class ApiError(Exception):
    """A failure the client should hear about: an HTTP status and stable codes."""

    def __init__(self, status: int, *codes: str, headers: dict[str, str] | None = None, details: dict | None = None):
        super().__init__(", ".join(codes))
        self.status = status
        self.codes = list(codes)
        self.headers = headers or {}
        self.details = details or {}  # more fields of the answer, beside `errors`


class NotFound(ApiError):
    def __init__(self, code: str = "not_found"):
        super().__init__(404, code)


class ValidationFailed(ApiError):
    def __init__(self, codes: list[str]):
        super().__init__(422, *codes)


class Unavailable(ApiError):
    """A backing store (PostgreSQL, DynamoDB) did not answer."""

    def __init__(self, code: str):
        super().__init__(503, code)


class IntegrityFailed(ApiError):
    """A write broke a database constraint; `constraint` names it, so that a
    service can turn a lost race into its own code (e.g. `handle_taken`)."""

    def __init__(self, constraint: str | None):
        super().__init__(409, "conflict")
        self.constraint = constraint
