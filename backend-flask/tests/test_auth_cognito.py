"""AUTH_PROVIDER=cognito, with moto in server mode standing in for Cognito and
Secrets Manager: a user signs up and confirms, the post-confirmation trigger
makes their row, and the API accepts their access token."""

import json
import time

import boto3
import psycopg
import pytest
import requests
from psycopg.conninfo import conninfo_to_dict

from conftest import BACKEND_DIR, load_lambda
from lib.errors import ValidationFailed

PASSWORD = "Sturdy-Pass-42"
LAMBDAS = BACKEND_DIR.parent / "aws" / "lambdas"


@pytest.fixture(scope="module")
def cognito(moto_url):
    client = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=moto_url)
    pool_id = client.create_user_pool(
        PoolName="cruddur-test",
        UsernameAttributes=["email"],
        Schema=[{"Name": "preferred_username", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]["Id"]
    client_id = client.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    return {"client": client, "pool_id": pool_id, "client_id": client_id, "url": moto_url}


def sign_up_and_confirm(cognito, email, handle) -> dict:
    """What Cognito does, then what it sends the post-confirmation trigger."""
    client = cognito["client"]
    client.sign_up(
        ClientId=cognito["client_id"],
        Username=email,
        Password=PASSWORD,
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "preferred_username", "Value": handle},
            {"Name": "name", "Value": handle.title()},
        ],
    )
    client.admin_confirm_sign_up(UserPoolId=cognito["pool_id"], Username=email)
    attributes = client.admin_get_user(UserPoolId=cognito["pool_id"], Username=email)["UserAttributes"]
    return {
        "version": "1",
        "triggerSource": "PostConfirmation_ConfirmSignUp",
        "userPoolId": cognito["pool_id"],
        "userName": email,
        "request": {"userAttributes": {a["Name"]: a["Value"] for a in attributes}},
        "response": {},
    }


@pytest.fixture
def post_confirmation(lambda_handler, monkeypatch, database_url):
    monkeypatch.setenv("CONNECTION_URL", database_url)
    return lambda_handler("cruddur-post-confirmation")


@pytest.fixture
def cognito_client(make_client, cognito):
    return make_client(
        auth_provider="cognito",
        aws_cognito_user_pool_id=cognito["pool_id"],
        aws_cognito_user_pool_client_id=cognito["client_id"],
        aws_cognito_jwks_url=f"{cognito['url']}/{cognito['pool_id']}/.well-known/jwks.json",
    )


def test_cognito_user_is_accepted_and_warm_requests_make_no_outbound_call(
    cognito, cognito_client, post_confirmation, monkeypatch
):
    event = sign_up_and_confirm(cognito, "grace@example.com", "grace")
    assert post_confirmation(event) is event

    auth = cognito["client"].initiate_auth(
        ClientId=cognito["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "grace@example.com", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    headers = {"Authorization": f"Bearer {auth['AccessToken']}"}

    outbound = []
    real_get = requests.get
    monkeypatch.setattr(requests, "get", lambda *a, **kw: outbound.append(a[0]) or real_get(*a, **kw))

    first = cognito_client.get("/api/profile", headers=headers)
    assert first.status_code == 200
    assert first.json["handle"] == "grace"
    assert len(outbound) == 1, "the JWKS is fetched once"
    for _ in range(3):
        assert cognito_client.get("/api/profile", headers=headers).status_code == 200
    assert len(outbound) == 1, "warm requests make no outbound call"

    id_token = cognito_client.get("/api/profile", headers={"Authorization": f"Bearer {auth['IdToken']}"})
    assert id_token.json == {"errors": ["token_use_invalid"]}


def test_signing_out_ends_the_cognito_access_tokens_issued_so_far(cognito, cognito_client, post_confirmation):
    post_confirmation(sign_up_and_confirm(cognito, "hedy@example.com", "hedy"))

    def access_token() -> dict:
        auth = cognito["client"].initiate_auth(
            ClientId=cognito["client_id"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "hedy@example.com", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        return {"Authorization": f"Bearer {auth['AccessToken']}"}

    headers = access_token()
    assert cognito_client.get("/api/profile", headers=headers).status_code == 200
    assert cognito_client.post("/api/auth/signout", headers=headers).status_code == 204
    revoked = cognito_client.get("/api/profile", headers=headers)
    assert (revoked.status_code, revoked.json) == (401, {"errors": ["token_revoked"]})
    time.sleep(1.1)  # Cognito's `iat` has whole seconds: the next sign-in's token is from a later one
    assert cognito_client.get("/api/profile", headers=access_token()).status_code == 200


def test_post_confirmation_is_idempotent(cognito, post_confirmation, database_url):
    event = sign_up_and_confirm(cognito, "hopper@example.com", "hopper")
    post_confirmation(event)
    post_confirmation(event)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT handle, email, display_name FROM users WHERE handle = 'hopper'").fetchall()
    assert rows == [("hopper", "hopper@example.com", "Hopper")]


def test_post_confirmation_fails_loudly(cognito, post_confirmation, make_user):
    make_user(handle="taken")
    event = sign_up_and_confirm(cognito, "late@example.com", "taken")
    with pytest.raises(ValidationFailed, match="handle_taken"):
        post_confirmation(event)


def test_database_credentials_from_secrets_manager(cognito, monkeypatch):
    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=cognito["url"])
    secret = {"username": "cruddur", "password": "p@ss/word", "host": "db.internal", "port": 5432, "dbname": "cruddur"}
    arn = secrets.create_secret(Name="cruddur-db", SecretString=json.dumps(secret))["ARN"]
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    monkeypatch.setenv("DB_SECRET_ARN", arn)
    monkeypatch.setenv("AWS_ENDPOINT_URL", cognito["url"])
    module = load_lambda("cruddur-post-confirmation")
    assert conninfo_to_dict(module.connection_url()) == {
        "user": "cruddur",
        "password": "p@ss/word",
        "host": "db.internal",
        "port": "5432",
        "dbname": "cruddur",
        "sslmode": "verify-full",
        "sslrootcert": str(LAMBDAS / "cruddur-post-confirmation" / "rds-global-bundle.pem"),
    }


def test_database_url_as_the_whole_secret(cognito, monkeypatch):
    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=cognito["url"])
    url = "postgresql://cruddur_app:secret@db.internal:5432/cruddur?sslmode=require"
    arn = secrets.create_secret(Name="cruddur-connection-url", SecretString=url)["ARN"]
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    monkeypatch.setenv("DB_SECRET_ARN", arn)
    monkeypatch.setenv("AWS_ENDPOINT_URL", cognito["url"])
    assert load_lambda("cruddur-post-confirmation").connection_url() == url


@pytest.mark.parametrize("name", ["cruddur-post-confirmation", "process-images"])
def test_the_db_stacks_url_verifies_the_server_with_the_lambdas_own_ca_bundle(moto_url, monkeypatch, name):
    """The secret names the CA bundle where the API's image keeps it; a Lambda
    keeps its copy beside its handler (bin/lambdas/package puts it there)."""
    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto_url)
    url = (
        "postgresql://cruddur_app:secret@db.internal:5432/cruddur"
        "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem"
    )
    arn = secrets.create_secret(Name=f"cruddur-verified-url-{name}", SecretString=url)["ARN"]
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    monkeypatch.setenv("DB_SECRET_ARN", arn)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_url)
    assert conninfo_to_dict(load_lambda(name).connection_url()) == conninfo_to_dict(url) | {
        "sslrootcert": str(LAMBDAS / name / "rds-global-bundle.pem")
    }
