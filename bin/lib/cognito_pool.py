"""Reading a Cognito user pool, for bin/cognito/list-users and
bin/db/update-cognito-user-ids.

Credentials come from the standard AWS chain; the region is the one the pool
id starts with; AWS_ENDPOINT_URL (an emulator) is honoured by boto3 itself.
"""

from __future__ import annotations

import re

POOL_ID = re.compile(r"^(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$")


class PoolError(Exception):
    """A problem worth one clear sentence to the operator."""


def check_pool_id(pool_id: str | None) -> str:
    if not pool_id:
        raise PoolError(
            "AWS_COGNITO_USER_POOL_ID is not set: export it (the auth stack's export <ENV>-UserPoolId) "
            "or pass --pool-id."
        )
    if not POOL_ID.match(pool_id):
        raise PoolError(f"'{pool_id}' is not a user pool id (<region>_<id>, such as us-east-1_AbC123xyZ).")
    return pool_id


def list_users(pool_id: str) -> list[dict]:
    """Every user of the pool: username, sub, email, preferred_username, status, enabled."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    region = POOL_ID.match(check_pool_id(pool_id)).group("region")
    users = []
    try:
        client = boto3.client("cognito-idp", region_name=region)
        for page in client.get_paginator("list_users").paginate(UserPoolId=pool_id):
            for user in page["Users"]:
                attributes = {item["Name"]: item["Value"] for item in user.get("Attributes", [])}
                users.append(
                    {
                        "username": user["Username"],
                        "sub": attributes.get("sub", ""),
                        "email": attributes.get("email", ""),
                        "preferred_username": attributes.get("preferred_username", ""),
                        "status": user.get("UserStatus", ""),
                        "enabled": user.get("Enabled", True),
                    }
                )
    except NoCredentialsError:
        raise PoolError("no AWS credentials found: configure a profile, SSO or environment variables.") from None
    except ClientError as error:
        details = error.response.get("Error", {})
        raise PoolError(
            f"Cognito refused to list the users of {pool_id}: {details.get('Code')}: {details.get('Message')}"
        ) from None
    except BotoCoreError as error:
        raise PoolError(f"could not reach Cognito: {error}") from None
    return users
