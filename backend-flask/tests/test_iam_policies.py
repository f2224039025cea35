"""Each AWS call the code makes is allowed by the IAM role it runs under in AWS.

The flows run for real and their calls are recorded (aws_iam.AwsCalls): the API
configured as the service stack's task definition configures it (messages on
DynamoDB Local, presigned avatar uploads against moto), then the process-images
and post-confirmation Lambdas against moto. Neither DynamoDB Local nor moto
checks IAM, so every recorded call is then evaluated against the role's policy
in aws/cfn, with the templates' names and ARNs resolved for one environment.
(bin/db/purge-expired makes no AWS call; it only talks to PostgreSQL.)
"""

import secrets
import uuid
from pathlib import Path

import boto3
import images
import pytest
from aws_iam import ACCOUNT, AwsCalls, Call, Role, Templates, requested

from lib.ddb import TABLE_SCHEMA

CFN = Path(__file__).resolve().parents[2] / "aws" / "cfn"


def unrecorded(service: str, endpoint_url: str):
    """A client of its own session, for the test's own set-up calls: not the code's."""
    return boto3.session.Session().client(service, region_name="us-east-1", endpoint_url=endpoint_url)


@pytest.fixture
def environment():
    """A fresh environment name, so that its table and buckets are this test's own."""
    return f"iam{secrets.token_hex(3)}"


@pytest.fixture
def recorded(monkeypatch, moto_url):
    """Records the AWS calls of the clients made from now on; S3 and Secrets
    Manager are moto (DynamoDB clients name their endpoint themselves)."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_url)
    calls = AwsCalls()
    calls.start()
    yield calls
    calls.stop()


@pytest.fixture
def database_secret(moto_url, database_url, environment):
    """The db stack's connection URL secret, holding the test database's URL."""
    client = unrecorded("secretsmanager", moto_url)
    name = f"{environment}/cruddur/connection-url"
    arn = client.create_secret(Name=name, SecretString=database_url)["ARN"]
    yield arn
    client.delete_secret(SecretId=arn, ForceDeleteWithoutRecovery=True)


@pytest.fixture
def templates(environment, database_secret):
    return Templates(CFN, environment, physical={"db.ConnectionUrlSecret": database_secret})


@pytest.fixture
def deployed(templates, dynamodb_url, moto_url):
    """The messages table and the avatar buckets, named as the templates name them."""
    task = templates.container_environment("service", "TaskDefinition", "backend-flask")
    names = {
        "table": task["DDB_MESSAGE_TABLE"],
        "uploads": task["AVATARS_UPLOAD_BUCKET"],
        "assets": task["AVATARS_ASSETS_BUCKET"],
    }
    ddb = unrecorded("dynamodb", dynamodb_url)
    ddb.create_table(TableName=names["table"], **TABLE_SCHEMA)
    s3 = unrecorded("s3", moto_url)
    for bucket in (names["uploads"], names["assets"]):
        s3.create_bucket(Bucket=bucket)
    yield names
    ddb.delete_table(TableName=names["table"])
    for bucket in (names["uploads"], names["assets"]):
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
        s3.delete_bucket(Bucket=bucket)


def described(calls: list[Call]) -> set[str]:
    return {action for call in calls for action, _ in requested(call)}


@pytest.fixture
def api_calls(templates, deployed, recorded, make_client, make_user) -> list[Call]:
    """The API, configured as the task definition configures it, runs the
    message flow (a first message, a reply, both lists), hands out an avatar
    upload form and answers its health check; these are its AWS calls."""
    task = templates.container_environment("service", "TaskDefinition", "backend-flask")
    assert task["AVATAR_STORAGE"] == "s3"
    api = make_client(
        ddb_message_table=task["DDB_MESSAGE_TABLE"],
        avatar_storage="s3",
        avatars_upload_bucket=task["AVATARS_UPLOAD_BUCKET"],
        avatars_assets_url="https://assets.cruddur.example",
    )
    ada, bob = make_user(), make_user()

    first = api.post("/api/messages", json={"handle": bob["handle"], "message": "hello"}, headers=ada["headers"])
    assert first.status_code == 201, first.json
    group = first.json["message_group_uuid"]
    reply = api.post("/api/messages", json={"message_group_uuid": group, "message": "hi"}, headers=bob["headers"])
    assert reply.status_code == 201, reply.json
    assert api.get("/api/message_groups", headers=ada["headers"]).status_code == 200
    assert api.get(f"/api/messages/{group}", headers=bob["headers"]).status_code == 200
    form = api.post("/api/profile/avatar/upload", json={"content_type": "image/png"}, headers=ada["headers"])
    assert form.status_code == 200, form.json
    assert api.get("/api/health-check").status_code == 200

    used = described(recorded.calls)
    # The flows really ran: a reply replaces both summaries, and an upload form was signed.
    assert {"dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Query", "s3:PutObject"} <= used, used
    return recorded.calls


def test_the_api_task_role_allows_every_call_of_the_api(templates, api_calls):
    denied = templates.role("service", "TaskRole").denied(api_calls)
    assert not denied, "the task role refuses:\n" + "\n".join(denied)


def test_the_api_task_role_grants_no_table_or_bucket_action_the_api_does_not_use(templates, api_calls):
    """Least privilege the other way round: every DynamoDB and S3 action of the
    task role is one the API calls. (The X-Ray daemon sidecar uses the role's
    xray actions, and DynamoDB the KMS key's, on the API's behalf.)"""
    role = templates.role("service", "TaskRole")
    unused = {action for action in role.actions() if action.split(":")[0] in ("dynamodb", "s3")} - described(api_calls)
    assert not unused, f"granted but never called: {sorted(unused)}"
    assert not [action for action in role.actions() if "*" in action], "a wildcard action"


def test_process_images_role_allows_every_call_of_the_lambda(
    templates, deployed, recorded, lambda_handler, make_user, moto_url, monkeypatch
):
    function = templates.function_environment("avatars", "ProcessImagesFunction")
    assert function["ASSETS_BUCKET"] == deployed["assets"]
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    for name, value in function.items():
        monkeypatch.setenv(name, value)
    browser = unrecorded("s3", moto_url)
    handler = lambda_handler("process-images")
    ada = make_user()
    for _ in range(2):  # the second avatar replaces the first one's files
        key = f"uploads/{ada['uuid']}/{secrets.token_hex(16)}"
        browser.put_object(Bucket=deployed["uploads"], Key=key, Body=images.webp())
        event = {"Records": [{"s3": {"bucket": {"name": deployed["uploads"]}, "object": {"key": key}}}]}
        assert len(handler(event)["processed"]) == 1

    used = described(recorded.calls)
    assert {"secretsmanager:GetSecretValue", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"} <= used, used
    denied = templates.role("avatars", "ProcessImagesRole").denied(recorded.calls)
    assert not denied, "the process-images role refuses:\n" + "\n".join(denied)


def test_post_confirmation_role_allows_every_call_of_the_lambda(templates, recorded, lambda_handler, monkeypatch):
    function = templates.function_environment("auth", "PostConfirmationFunction")
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    for name, value in function.items():
        monkeypatch.setenv(name, value)
    handle = f"grace{secrets.token_hex(3)}"
    attributes = {"sub": str(uuid.uuid4()), "preferred_username": handle, "email": f"{handle}@example.com"}
    event = {"request": {"userAttributes": attributes}, "response": {}}
    assert lambda_handler("cruddur-post-confirmation")(event) is event

    assert described(recorded.calls) == {"secretsmanager:GetSecretValue"}
    denied = templates.role("auth", "PostConfirmationRole").denied(recorded.calls)
    assert not denied, "the post-confirmation role refuses:\n" + "\n".join(denied)


def test_the_evaluation_refuses_what_a_role_does_not_grant():
    table = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t"
    role = Role(
        "test",
        [
            {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:Query"], "Resource": table},
            {"Effect": "Allow", "Action": "dynamodb:DeleteItem", "Resource": table, "Condition": {"Bool": {}}},
            {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/uploads/*"},
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
        ],
    )
    transaction = Call(
        "dynamodb",
        "TransactWriteItems",
        "us-east-1",
        {"TransactItems": [{"Put": {"TableName": "t"}}, {"Delete": {"TableName": "t"}}]},
    )
    index_query = Call("dynamodb", "Query", "us-east-1", {"TableName": "t", "IndexName": "i"})
    s3_calls = [
        Call("s3", "PutObject", "us-east-1", {"Bucket": "b", "Key": "uploads/x"}),
        Call("s3", "GetObject", "us-east-1", {"Bucket": "b", "Key": "avatars/x"}),
        Call("s3", "DeleteObjects", "us-east-1", {"Bucket": "b", "Delete": {"Objects": [{"Key": "uploads/y"}]}}),
    ]
    assert role.denied([transaction, index_query, *s3_calls]) == [
        f"dynamodb:DeleteItem on {table} (dynamodb TransactWriteItems)",
        f"dynamodb:Query on {table}/index/i (dynamodb Query)",
        "s3:DeleteObject on arn:aws:s3:::b/uploads/y (s3 DeleteObjects)",
        "s3:GetObject on arn:aws:s3:::b/avatars/x (s3 GetObject)",
    ]
