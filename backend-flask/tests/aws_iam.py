"""The IAM roles of aws/cfn, checked against the AWS calls the code really makes.

`AwsCalls` records every request boto3 signs in this process (botocore's
`before-sign.*.*` event), the parameters the code passed with it, and the
presigned POST forms the API hands to browsers, which S3 later authorises as
the API's own PutObject. `requested` turns a recorded call into what IAM
checks: actions and resource ARNs (a TransactWriteItems needs the item-level
action of each operation inside it; it has no action of its own).

`Templates` reads the templates of one environment and resolves the intrinsic
functions (Ref, Sub, GetAtt, ImportValue across stacks, Join, Select, Split)
far enough to name the tables, buckets, queues and secrets the policies grant.
`Role.denied` evaluates a role's inline statements (Allow, Deny, wildcards) for
a list of requests. Conditional grants are not counted: the code never meets
their conditions itself (kms:ViaService is met by DynamoDB or Secrets Manager on
its behalf). AWS managed policies (the Lambdas' VPC access) are left out too.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import boto3

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bin" / "lib"))

from cfn_template import load_template  # noqa: E402

PARTITION = "aws"
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's account
PARAMS_KEY = "recorded_api_params"


# --- recording ----------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    service: str  # the signing name, which is the IAM prefix for the services used here
    operation: str
    region: str
    params: dict = field(compare=False, hash=False)


class AwsCalls:
    """Records the AWS calls of every boto3 client created while it listens,
    and of the clients passed to `listen_to`."""

    def __init__(self):
        self.calls: list[Call] = []
        self._emitters = []

    def start(self):
        self.listen_to(boto3._get_default_session().events)

    def listen_to(self, events):
        events.register("provide-client-params.*.*", self._keep_params)
        events.register("before-sign.*.*", self._signed)
        self._emitters.append(events)

    def stop(self):
        for events in self._emitters:
            events.unregister("provide-client-params.*.*", self._keep_params)
            events.unregister("before-sign.*.*", self._signed)
        self._emitters.clear()

    @staticmethod
    def _keep_params(params, context, **_):
        # The same dict travels with the request to before-sign.
        context[PARAMS_KEY] = params

    def _signed(self, request, operation_name, signing_name, region_name, **_):
        policy = request.context.get("s3-presign-post-policy")
        if policy is not None:
            # A presigned POST: the browser's upload is a PutObject signed with our credentials.
            (bucket,) = [c["bucket"] for c in policy["conditions"] if isinstance(c, dict) and "bucket" in c]
            params = {"Bucket": bucket, "Key": request.context["s3-presign-post-fields"]["key"]}
        else:
            params = request.context.get(PARAMS_KEY, {})
        self.calls.append(Call(signing_name, operation_name, region_name, params))


# --- what IAM checks for a call ---------------------------------------------

TRANSACT_WRITE = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}
TRANSACT_GET = {"Get": "GetItem"}
DYNAMODB_ACCOUNT_WIDE = {"ListTables", "DescribeLimits", "DescribeEndpoints"}
# S3 operation -> (IAM action, whether it acts on objects rather than the bucket)
S3_ACTIONS = {
    "PutObject": ("s3:PutObject", True),
    "GetObject": ("s3:GetObject", True),
    "HeadObject": ("s3:GetObject", True),
    "DeleteObject": ("s3:DeleteObject", True),
    "ListObjectsV2": ("s3:ListBucket", False),
    "HeadBucket": ("s3:ListBucket", False),
}


class UnmappedCall(LookupError):
    """A call this module cannot translate into IAM terms yet: teach it (above)."""


def requested(call: Call) -> set[tuple[str, str]]:
    """The (action, resource ARN) pairs IAM checks for one call."""
    p = call.params
    if call.service == "dynamodb":
        table = f"arn:{PARTITION}:dynamodb:{call.region}:{ACCOUNT}:table/"
        if call.operation == "TransactWriteItems":
            return {(f"dynamodb:{TRANSACT_WRITE[kind]}", table + body["TableName"]) for kind, body in _items(p)}
        if call.operation == "TransactGetItems":
            return {(f"dynamodb:{TRANSACT_GET[kind]}", table + body["TableName"]) for kind, body in _items(p)}
        if call.operation in ("BatchGetItem", "BatchWriteItem"):
            return {(f"dynamodb:{call.operation}", table + name) for name in p["RequestItems"]}
        if call.operation in DYNAMODB_ACCOUNT_WIDE:
            return {(f"dynamodb:{call.operation}", "*")}
        if "TableName" not in p:
            raise UnmappedCall(f"dynamodb {call.operation} names no table")
        resource = table + p["TableName"] + (f"/index/{p['IndexName']}" if p.get("IndexName") else "")
        return {(f"dynamodb:{call.operation}", resource)}
    if call.service == "s3":
        bucket = f"arn:{PARTITION}:s3:::{p['Bucket']}"
        if call.operation == "DeleteObjects":
            return {("s3:DeleteObject", f"{bucket}/{o['Key']}") for o in p["Delete"]["Objects"]}
        if call.operation not in S3_ACTIONS:
            raise UnmappedCall(f"s3 {call.operation}: add it to S3_ACTIONS")
        action, on_object = S3_ACTIONS[call.operation]
        return {(action, f"{bucket}/{p['Key']}" if on_object else bucket)}
    if call.service == "secretsmanager" and call.operation == "GetSecretValue":
        return {("secretsmanager:GetSecretValue", p["SecretId"])}
    raise UnmappedCall(f"{call.service} {call.operation}")


def _items(params: dict):
    for item in params["TransactItems"]:
        ((kind, body),) = item.items()
        yield kind, body


# --- the templates --------------------------------------------------------------

SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")


class Templates:
    """aws/cfn/<stack>/template.yaml, deployed (on paper) as one environment.
    `physical` names what the resolver cannot know, keyed by "stack.LogicalId"
    (a secret's ARN ends in a suffix AWS picks)."""

    def __init__(self, root: Path, environment: str, physical: dict[str, str] | None = None):
        self.environment = environment
        self.physical = physical or {}
        self.stacks = {
            path.parent.name: load_template(path.read_text()) for path in sorted(root.glob("*/template.yaml"))
        }
        self._exports = {}
        for stack, template in self.stacks.items():
            for output in (template.get("Outputs") or {}).values():
                if "Export" in output:
                    self._exports[self.resolve(stack, output["Export"]["Name"])] = (stack, output["Value"])

    def resource(self, stack: str, logical_id: str) -> dict:
        return self.stacks[stack]["Resources"][logical_id]

    def role(self, stack: str, logical_id: str) -> Role:
        """A role with its inline policies and the AWS::IAM::Policy resources attached to it."""
        properties = self.resource(stack, logical_id)["Properties"]
        documents = [policy["PolicyDocument"] for policy in properties.get("Policies", [])]
        for resource in self.stacks[stack]["Resources"].values():
            if resource["Type"] == "AWS::IAM::Policy" and {"Ref": logical_id} in resource["Properties"].get(
                "Roles", []
            ):
                documents.append(resource["Properties"]["PolicyDocument"])
        statements = []
        for document in documents:
            body = document["Statement"]
            statements.extend(self.resolve(stack, s) for s in (body if isinstance(body, list) else [body]))
        return Role(f"{stack}.{logical_id}", statements)

    def container_environment(self, stack: str, task: str, container: str) -> dict[str, str]:
        definitions = self.resource(stack, task)["Properties"]["ContainerDefinitions"]
        (found,) = [c for c in definitions if c["Name"] == container]
        return {item["Name"]: self.resolve(stack, item["Value"]) for item in found.get("Environment", [])}

    def function_environment(self, stack: str, function: str) -> dict[str, str]:
        variables = self.resource(stack, function)["Properties"]["Environment"]["Variables"]
        return {name: self.resolve(stack, value) for name, value in variables.items()}

    # The intrinsic functions, as far as names and ARNs need them.

    def resolve(self, stack: str, node):
        if isinstance(node, list):
            return [self.resolve(stack, item) for item in node]
        if not isinstance(node, dict):
            return node
        if len(node) != 1 or not (next(iter(node)) == "Ref" or next(iter(node)).startswith("Fn::")):
            return {key: self.resolve(stack, value) for key, value in node.items()}
        ((function, argument),) = node.items()
        if function == "Ref":
            return self._ref(stack, argument)
        if function == "Fn::GetAtt":
            return self._get_att(stack, *argument)
        if function == "Fn::Sub":
            return self._sub(stack, argument)
        if function == "Fn::ImportValue":
            name = self.resolve(stack, argument)
            if name not in self._exports:
                raise KeyError(f"{stack} imports {name}, which no template exports")
            exporter, value = self._exports[name]
            return self.resolve(exporter, value)
        if function == "Fn::Join":
            separator, items = argument
            return separator.join(str(item) for item in self.resolve(stack, items))
        if function == "Fn::Split":
            separator, text = argument
            return self.resolve(stack, text).split(separator)
        if function == "Fn::Select":
            index, items = argument
            return self.resolve(stack, items)[int(index)]
        raise NotImplementedError(f"{function} in {stack}")

    def _sub(self, stack: str, argument) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument

        def value(match):
            name = match.group(1)
            if name in variables:
                return str(self.resolve(stack, variables[name]))
            if "." in name and not name.startswith("AWS::"):
                return str(self._get_att(stack, *name.split(".", 1)))
            return str(self._ref(stack, name))

        return SUB_VARIABLE.sub(value, text).replace("${!", "${")

    def _ref(self, stack: str, name: str):
        pseudo = {
            "AWS::Partition": PARTITION,
            "AWS::Region": REGION,
            "AWS::AccountId": ACCOUNT,
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": f"{self.environment}-{stack}",
        }
        if name in pseudo:
            return pseudo[name]
        if f"{stack}.{name}" in self.physical:
            return self.physical[f"{stack}.{name}"]
        template = self.stacks[stack]
        if name == "EnvironmentName":
            return self.environment
        if name in (template.get("Parameters") or {}):
            return template["Parameters"][name].get("Default", f"<{name}>")
        resource = template["Resources"][name]
        kind = resource["Type"]

        def named(key):
            return self.resolve(stack, resource["Properties"][key])

        if kind == "AWS::DynamoDB::Table":
            return named("TableName")
        if kind == "AWS::S3::Bucket":
            return named("BucketName")
        if kind == "AWS::SecretsManager::Secret":
            return f"arn:{PARTITION}:secretsmanager:{REGION}:{ACCOUNT}:secret:{named('Name')}-AbCdEf"
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{named('QueueName')}"
        return f"<{stack}.{name}>"

    def _get_att(self, stack: str, name: str, attribute: str):
        resource = self.stacks[stack]["Resources"][name]
        kind = resource["Type"]
        if attribute == "Arn":
            if kind == "AWS::DynamoDB::Table":
                return f"arn:{PARTITION}:dynamodb:{REGION}:{ACCOUNT}:table/{self._ref(stack, name)}"
            if kind == "AWS::S3::Bucket":
                return f"arn:{PARTITION}:s3:::{self._ref(stack, name)}"
            if kind == "AWS::SQS::Queue":
                return f"arn:{PARTITION}:sqs:{REGION}:{ACCOUNT}:{self._ref(stack, name).rsplit('/', 1)[1]}"
        return f"<{stack}.{name}.{attribute}>"


# --- evaluating a role --------------------------------------------------------


def _pattern(glob: str, ignore_case: bool) -> re.Pattern:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in glob)
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


@dataclass
class Role:
    name: str
    statements: list[dict]

    def __post_init__(self):
        for statement in self.statements:
            unsupported = {"NotAction", "NotResource", "NotPrincipal"} & set(statement)
            if unsupported:
                raise NotImplementedError(f"{self.name}: {sorted(unsupported)}")

    def actions(self) -> set[str]:
        return {a for s in self.statements if s["Effect"] == "Allow" for a in _listed(s["Action"])}

    def _matching(self, action: str, resource: str):
        for statement in self.statements:
            if not any(_pattern(a, True).fullmatch(action) for a in _listed(statement["Action"])):
                continue
            if any(_pattern(r, False).fullmatch(resource) for r in _listed(statement.get("Resource", []))):
                yield statement

    def allows(self, action: str, resource: str) -> bool:
        matching = list(self._matching(action, resource))
        if any(s["Effect"] == "Deny" for s in matching):
            return False
        return any(s["Effect"] == "Allow" and "Condition" not in s for s in matching)

    def denied(self, calls: list[Call]) -> list[str]:
        """Each request of `calls` the role does not allow, described."""
        refused = set()
        for call in calls:
            for action, resource in requested(call):
                if not self.allows(action, resource):
                    refused.add(f"{action} on {resource} ({call.service} {call.operation})")
        return sorted(refused)
