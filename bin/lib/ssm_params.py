"""Print the Parameter Store parameters under a path as environment variables.

    python bin/lib/ssm_params.py /cruddur/dev/backend-flask

Used by bin/backend/generate-env and bin/frontend/generate-env --from-ssm.
Reads every parameter under the path (recursively, SecureStrings decrypted)
and writes one NAME=value record per parameter to stdout, each ended by a NUL
byte; NAME is the last segment of the parameter's name. The names (never the
values) go to stderr. Credentials and region come from the standard AWS chain;
AWS_ENDPOINT_URL points at an emulator.

Exits 1, writing nothing to stdout, when the path holds no parameter, when a
name is not a valid variable name, when two parameters end in the same name,
or when a value spans lines (an env file cannot hold it).
"""

from __future__ import annotations

import re
import sys

VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def fetch(path: str) -> list[dict]:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

    try:
        client = boto3.client("ssm")
        parameters = []
        pages = client.get_paginator("get_parameters_by_path").paginate(Path=path, Recursive=True, WithDecryption=True)
        for page in pages:
            parameters.extend(page["Parameters"])
        return parameters
    except NoRegionError:
        raise SystemExit("error: no AWS region: set AWS_DEFAULT_REGION (or a region in your AWS profile).") from None
    except NoCredentialsError:
        raise SystemExit("error: no AWS credentials: configure a profile, SSO or environment variables.") from None
    except ClientError as error:
        details = error.response.get("Error", {})
        raise SystemExit(
            f"error: Parameter Store refused to read {path}: {details.get('Code')}: {details.get('Message')}"
        ) from None
    except BotoCoreError as error:
        raise SystemExit(f"error: could not reach Parameter Store: {error}") from None


def variables(path: str, parameters: list[dict]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    problems = []
    for parameter in sorted(parameters, key=lambda item: item["Name"]):
        full, value = parameter["Name"], parameter["Value"]
        name = full.rsplit("/", 1)[-1]
        if not VARIABLE.match(name):
            problems.append(f"{full}: '{name}' is not a valid variable name")
        elif name in found:
            problems.append(f"{found[name]['Name']} and {full} would both set {name}")
        elif any(character in value for character in "\r\n\0"):
            problems.append(f"{full}: its value spans several lines, which an env file cannot hold")
        else:
            found[name] = parameter
    if not parameters:
        problems.append(f"no parameters under {path} (check the path, the region and your permissions)")
    if problems:
        raise SystemExit("error: " + "\nerror: ".join(problems))
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].startswith("/"):
        print("usage: ssm_params.py /PARAMETER/STORE/PATH", file=sys.stderr)
        return 2
    path = argv[0].rstrip("/") or "/"
    found = variables(path, fetch(path))
    for name, parameter in found.items():
        print(f"    {name} <- {parameter['Name']} ({parameter.get('Type', 'String')})", file=sys.stderr)
    sys.stdout.write("".join(f"{name}={parameter['Value']}\0" for name, parameter in found.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
