"""Inputs that bin/fuzz (schemathesis against openapi-3.0.yml) found to make
the API answer 500, each kept here once fixed: bad input is a 4xx."""

import pytest


@pytest.mark.parametrize("limit", ["²", "٣", "9" * 5000])
@pytest.mark.parametrize("path", ["/api/activities/home", "/api/message_groups"])
def test_a_limit_that_is_not_plain_digits_is_a_400(client, make_user, path, limit):
    # "²".isdigit() is True and int("²") raises; so does int() of 5,000 digits.
    ada = make_user()
    response = client.get(path, query_string={"limit": limit}, headers=ada["headers"])
    assert (response.status_code, response.json) == (400, {"errors": ["limit_invalid"]})

