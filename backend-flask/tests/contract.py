"""A test client that checks every response against openapi-3.0.yml."""

from functools import cache
from pathlib import Path

from flask.testing import FlaskClient
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi-3.0.yml"


@cache
def spec() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPEC_PATH))


class SentRequest(WerkzeugOpenAPIRequest):
    """The request as far as response validation needs it: its method, path and
    query. Its body is not re-read (the app consumed it), nor validated: tests
    send bad requests on purpose."""

    @property
    def body(self):
        return None


class ContractClient(FlaskClient):
    """Fails the test when a response is not what the API contract promises."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        spec().validate_response(SentRequest(response.request), WerkzeugOpenAPIResponse(response))
        return response
