"""DynamoDB access for direct messages: the client, the table's schema, and
the conversion of an unreachable DynamoDB into a 503."""

from contextlib import contextmanager

import boto3
import botocore.config
import botocore.exceptions

from lib.errors import Unavailable
from lib.tracing import span

# Single-table design: conversations and messages share one table, keyed by
# pk/sk; the GSI finds every summary row of one message group.
GROUP_INDEX = "message-group-sk-index"
TABLE_SCHEMA = {
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "S"},
        {"AttributeName": "message_group_uuid", "AttributeType": "S"},
    ],
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": GROUP_INDEX,
            "KeySchema": [
                {"AttributeName": "message_group_uuid", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
}

UNREACHABLE = (
    botocore.exceptions.EndpointConnectionError,
    botocore.exceptions.ConnectTimeoutError,
    botocore.exceptions.ReadTimeoutError,
    botocore.exceptions.ConnectionClosedError,
)


def create_client(region: str, endpoint_url: str | None):
    config = botocore.config.Config(
        connect_timeout=2,
        read_timeout=5,
        retries={"max_attempts": 2, "mode": "standard"},
        # Every request is built by lib/message_store.py and DynamoDB checks it
        # anyway: checking it here too cost 0.2 of a Query's 1.4 ms of CPU.
        parameter_validation=False,
    )
    return boto3.client("dynamodb", region_name=region, endpoint_url=endpoint_url, config=config)


class Dynamo:
    def __init__(self):
        self.client = None
        self.table = None

    def init_app(self, app):
        settings = app.config["SETTINGS"]
        self.client = create_client(settings.aws_default_region, settings.aws_endpoint_url)
        self.table = settings.ddb_message_table
        app.extensions["ddb"] = self

    @contextmanager
    def calls(self, operation: str):
        """Wraps a DynamoDB call: traced, and a DynamoDB that does not answer becomes a 503."""
        try:
            with span("dynamodb", operation):
                yield self.client
        except UNREACHABLE as error:
            raise Unavailable("dynamodb_unavailable") from error

    def ping(self) -> bool:
        try:
            # The table itself, not the account: also what the task role allows.
            with self.calls("DescribeTable") as client:
                client.describe_table(TableName=self.table)
            return True
        except (Unavailable, botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            return False


ddb = Dynamo()
