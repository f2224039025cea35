"""The CloudFormation templates in aws/cfn.

They pass bin/cfn/lint (cfn-lint with no error or warning, no failed checkov
check), and they keep the conventions that let several environments live in
one account: every template takes an EnvironmentName parameter, every export
and every import is named `${EnvironmentName}-<Something>`, every import
names something a template exports, and no account id is written down.

Each convention check also runs on a deliberately broken template, and the
lint runs once on a broken template, so that a check that quietly stopped
checking would show up as a failure.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bin" / "lib"))

from cfn_template import load_template  # noqa: E402
from ops_stubs import run_health_check  # noqa: E402

CFN = REPO / "aws" / "cfn"
LINT = REPO / "bin" / "cfn" / "lint"
STACKS = {
    "networking",
    "cluster",
    "service",
    "stream",
    "db",
    "ddb",
    "frontend",
    "avatars",
    "auth",
    "cicd",
    "sync",
}
TEMPLATES = sorted(CFN.glob("*/template.yaml"))
EXPORT_PREFIX = "${EnvironmentName}-"
ACCOUNT_ID = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")
LINT_TIMEOUT = 1200  # the first run installs cfn-lint and checkov


def load(text: str) -> dict:
    return load_template(text)


def sub_string(value) -> str | None:
    """The template string of an Fn::Sub, or None when `value` is not one."""
    if not isinstance(value, dict) or list(value) != ["Fn::Sub"]:
        return None
    body = value["Fn::Sub"]
    if isinstance(body, list):
        body = body[0]
    return body if isinstance(body, str) else None


def walk(node):
    """Every dict and list inside a parsed template."""
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from walk(child)


def imported_names(template: dict) -> list:
    return [node["Fn::ImportValue"] for node in walk(template) if isinstance(node, dict) and "Fn::ImportValue" in node]


def exported_names(template: dict) -> dict:
    """Output name -> its Export's Name, for the outputs that export."""
    outputs = template.get("Outputs") or {}
    return {name: output["Export"].get("Name") for name, output in outputs.items() if "Export" in output}


def convention_problems(text: str) -> list[str]:
    """What in one template's text breaks the conventions above."""
    problems = [f"account id {match} written down" for match in ACCOUNT_ID.findall(text)]
    template = load(text)
    parameter = (template.get("Parameters") or {}).get("EnvironmentName")
    if parameter is None:
        problems.append("no EnvironmentName parameter")
    else:
        pattern = parameter.get("AllowedPattern")
        if parameter.get("Type") != "String" or not pattern:
            problems.append("EnvironmentName is not a String with an AllowedPattern")
        elif not re.fullmatch(pattern, "dev") or re.fullmatch(pattern, "Dev") or re.fullmatch(pattern, "PROD"):
            problems.append(f"EnvironmentName's AllowedPattern {pattern!r} does not mean lowercase")
    for output, name in exported_names(template).items():
        text_of_name = sub_string(name)
        if text_of_name is None or not text_of_name.startswith(EXPORT_PREFIX):
            problems.append(f"export of output {output} is not named !Sub {EXPORT_PREFIX}...: {name!r}")
    for name in imported_names(template):
        text_of_name = sub_string(name)
        if text_of_name is None or not text_of_name.startswith(EXPORT_PREFIX):
            problems.append(f"import is not of !Sub {EXPORT_PREFIX}...: {name!r}")
    return problems


def test_every_stack_has_a_template_and_a_config_example():
    assert {path.parent.name for path in TEMPLATES} == STACKS
    for stack in STACKS:
        assert (CFN / stack / "config.toml.example").is_file(), stack


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.parent.name for p in TEMPLATES])
def test_template_keeps_the_conventions(path):
    assert convention_problems(path.read_text()) == []


@pytest.mark.parametrize("path", sorted(CFN.glob("*/config.toml.example")), ids=lambda p: p.parent.name)
def test_config_example_has_no_account_id(path):
    assert ACCOUNT_ID.findall(path.read_text()) == []


def test_every_import_is_exported_by_some_template():
    exported = set()
    imported = {}
    for path in TEMPLATES:
        template = load(path.read_text())
        exported.update(sub_string(name) for name in exported_names(template).values())
        for name in imported_names(template):
            imported.setdefault(sub_string(name), []).append(path.parent.name)
    missing = {name: stacks for name, stacks in imported.items() if name not in exported}
    assert imported, "no template imports anything: the parser is not reading !ImportValue"
    assert missing == {}


BROKEN_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub cruddur-${AWS::Region}-123456789012
Outputs:
  BucketName:
    Value: !Ref Bucket
    Export:
      Name: BucketName
  Imported:
    Value: !ImportValue VpcId
"""


def test_convention_checks_catch_a_broken_template():
    problems = convention_problems(BROKEN_TEMPLATE)
    assert "account id 123456789012 written down" in problems
    assert "no EnvironmentName parameter" in problems
    assert any(p.startswith("export of output BucketName") for p in problems)
    assert any(p.startswith("import is not of") for p in problems)


def test_convention_checks_catch_a_pattern_that_allows_capitals():
    text = BROKEN_TEMPLATE.replace(
        "  Stage:\n    Type: String\n",
        '  EnvironmentName:\n    Type: String\n    AllowedPattern: "^[A-Za-z]+$"\n',
    )
    assert any("does not mean lowercase" in p for p in convention_problems(text))


def run_lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=LINT_TIMEOUT,
        check=False,
    )


def test_lint_passes():
    result = run_lint()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Failed checks: 0" in output, output


def test_lint_fails_on_a_broken_template(tmp_path):
    """An unencrypted, unlogged bucket with a misspelt property fails both tools."""
    broken = tmp_path / "broken" / "template.yaml"
    broken.parent.mkdir()
    broken.write_text(
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Resources:\n"
        "  Bucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        "      BucketNme: misspelt\n"
    )
    result = run_lint("--dir", str(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "BucketNme" in output, output
    assert "CKV_AWS_" in output, output
    assert "cfn-lint checkov" in output, output


# --- the service stack --------------------------------------------------------


def service_template() -> dict:
    return load((CFN / "service" / "template.yaml").read_text())


def resolved(template: dict, value):
    """A literal, or the default of the parameter a {"Ref": ...} names."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        parameter = (template.get("Parameters") or {}).get(value["Ref"])
        assert parameter is not None and "Default" in parameter, f"{value} names no parameter with a default"
        return parameter["Default"]
    return value


def api_environment(template: dict) -> dict:
    """The API container's environment variables, name -> value as written."""
    task = template["Resources"]["TaskDefinition"]["Properties"]
    (container,) = [c for c in task["ContainerDefinitions"] if c["Name"] == "backend-flask"]
    return {item["Name"]: item["Value"] for item in container.get("Environment", [])}


def test_the_xray_sidecar_image_is_pinned_by_digest():
    default = load((CFN / "service" / "template.yaml").read_text())["Parameters"]["XrayDaemonImage"]["Default"]
    assert re.fullmatch(r"[a-z0-9./-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}", default), default
    # the example an operator copies does not override it with a moving tag
    example = tomllib.loads((CFN / "service" / "config.toml.example").read_text())["parameters"]
    assert example.get("XrayDaemonImage", default) == default


def test_the_api_trusts_one_proxy_the_load_balancer():
    """Behind the ALB the peer is always the load balancer: without one trusted
    hop every client would have its address (and share its rate limits)."""
    template = service_template()
    environment = api_environment(template)
    assert "TRUSTED_PROXY_HOPS" in environment, "the API task does not set TRUSTED_PROXY_HOPS"
    assert str(resolved(template, environment["TRUSTED_PROXY_HOPS"])) == "1"


def test_the_database_url_verifies_the_server_with_the_images_ca_bundle():
    """The db stack's CONNECTION_URL (the API's, through the service stack's
    secrets) asks for TLS that verifies the server against the RDS certificate
    authorities, at the path where Dockerfile.prod puts them."""
    dockerfile = (REPO / "backend-flask" / "Dockerfile.prod").read_text()
    (bundle,) = re.findall(r"^COPY --from=build \S+ (\S*rds\S*\.pem)$", dockerfile, re.MULTILINE)
    db = load((CFN / "db" / "template.yaml").read_text())
    url = sub_string(db["Resources"]["ConnectionUrlSecret"]["Properties"]["SecretString"])
    assert url.startswith("postgresql://"), url
    assert parse_qs(urlsplit(url).query, strict_parsing=True) == {"sslmode": ["verify-full"], "sslrootcert": [bundle]}

    task = service_template()["Resources"]["TaskDefinition"]["Properties"]
    (container,) = [c for c in task["ContainerDefinitions"] if c["Name"] == "backend-flask"]
    secrets = {item["Name"]: item["ValueFrom"] for item in container["Secrets"]}
    assert sub_string(secrets["CONNECTION_URL"]["Fn::ImportValue"]) == "${EnvironmentName}-ConnectionUrlSecretArn"
    assert db["Outputs"]["ConnectionUrlSecretArn"]["Value"] == {"Ref": "ConnectionUrlSecret"}


# --- the stream stack ---------------------------------------------------------

HEARTBEAT_SECONDS = 15  # the stream's `: heartbeat` comment, every 15 s
STREAM_PORT = 4568


def stream_template() -> dict:
    return load((CFN / "stream" / "template.yaml").read_text())


def cluster_template() -> dict:
    return load((CFN / "cluster" / "template.yaml").read_text())


def resources_of_type(template: dict, kind: str) -> dict:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def container(template: dict, name: str) -> dict:
    task = template["Resources"]["TaskDefinition"]["Properties"]
    (found,) = [c for c in task["ContainerDefinitions"] if c["Name"] == name]
    return found


def listener_rules() -> list[tuple[int, list[str], str]]:
    """(priority, path patterns, where it forwards) for each rule the stacks add
    to the HTTPS listener, with the priorities their parameters default to.
    The service stack forwards to the cluster's backend target group, the
    stream stack to its own."""
    rules = []
    for stack in ("service", "stream"):
        template = load((CFN / stack / "template.yaml").read_text())
        for rule in resources_of_type(template, "AWS::ElasticLoadBalancingV2::ListenerRule").values():
            properties = rule["Properties"]
            assert sub_string(properties["ListenerArn"]["Fn::ImportValue"]) == "${EnvironmentName}-HttpsListenerArn"
            (condition,) = properties["Conditions"]
            assert condition["Field"] == "path-pattern"
            (action,) = properties["Actions"]
            assert action["Type"] == "forward"
            target = action["TargetGroupArn"]
            if "Fn::ImportValue" in target:
                target = sub_string(target["Fn::ImportValue"]).removeprefix(EXPORT_PREFIX)
            else:
                target = target["Ref"]
            priority = int(resolved(template, properties["Priority"]))
            rules.append((priority, condition["PathPatternConfig"]["Values"], target))
    return rules


def alb_path_matches(pattern: str, path: str) -> bool:
    """An ALB path pattern: case-sensitive, * any characters, ? one, the whole path."""
    return fnmatchcase(path, pattern.replace("[", "[[]"))


def routed_to(rules, path: str) -> str | None:
    """Where the listener sends `path`: the first matching rule, lowest priority number first."""
    for _, patterns, target in sorted(rules):
        if any(alb_path_matches(pattern, path) for pattern in patterns):
            return target
    return None


def test_alb_path_matching_as_the_load_balancer_does():
    assert alb_path_matches("/api/*", "/api/stream")
    assert alb_path_matches("/api/stream", "/api/stream")
    assert not alb_path_matches("/api/stream", "/api/stream/health")
    assert not alb_path_matches("/api/stream", "/API/stream")
    assert routed_to([(10, ["/api/*"], "api"), (5, ["/api/s*"], "s")], "/api/stream") == "s"
    assert routed_to([(1, ["/api/*"], "api"), (5, ["/api/s*"], "s")], "/api/stream") == "api"


@pytest.mark.parametrize(
    "path, target",
    [
        ("/api/stream", "StreamTargetGroup"),
        ("/api/stream/health", "StreamTargetGroup"),
        # the API's: issuing a ticket is a signed-in API route
        ("/api/stream/ticket", "BackendTargetGroupArn"),
        ("/api/health-check", "BackendTargetGroupArn"),
        ("/api/activities/home", "BackendTargetGroupArn"),
        ("/api/streams-of-thought", "BackendTargetGroupArn"),
        ("/.well-known/jwks.json", "BackendTargetGroupArn"),
        ("/", None),
    ],
)
def test_the_stream_rule_goes_before_the_apis(path, target):
    rules = listener_rules()
    priorities = [priority for priority, _, _ in rules]
    assert len(set(priorities)) == len(priorities) == 2, "two rules, each of its own priority"
    assert routed_to(rules, path) == target


def test_the_config_examples_keep_the_stream_rule_first():
    """The examples an operator copies keep the order the defaults have."""
    priorities = {
        stack: tomllib.loads((CFN / stack / "config.toml.example").read_text())["parameters"]["ListenerRulePriority"]
        for stack in ("service", "stream")
    }
    assert priorities["stream"] < priorities["service"], priorities
    assert priorities["stream"] == stream_template()["Parameters"]["ListenerRulePriority"]["Default"]
    assert priorities["service"] == service_template()["Parameters"]["ListenerRulePriority"]["Default"]


def test_the_stream_target_group_checks_its_health_route():
    template = stream_template()
    group = template["Resources"]["StreamTargetGroup"]["Properties"]
    assert group["HealthCheckPath"] == "/api/stream/health"
    assert group["Matcher"] == {"HttpCode": "200"}
    assert (group["TargetType"], group["Protocol"], group["Port"]) == ("ip", "HTTP", STREAM_PORT)
    attributes = {item["Key"]: item["Value"] for item in group["TargetGroupAttributes"]}
    # a stopping task's streams are cut after this: short, they reconnect elsewhere
    assert int(attributes["deregistration_delay.timeout_seconds"]) <= 15
    assert attributes["load_balancing.algorithm.type"] == "least_outstanding_requests"


def test_the_load_balancer_outwaits_the_heartbeat():
    """A quiet stream carries only the heartbeat: the idle timeout must outlast
    two of them, so that one late heartbeat does not cut it."""
    attributes = {
        item["Key"]: item["Value"]
        for item in cluster_template()["Resources"]["LoadBalancer"]["Properties"]["LoadBalancerAttributes"]
    }
    idle = int(attributes["idle_timeout.timeout_seconds"])
    assert idle > HEARTBEAT_SECONDS
    assert idle >= 2 * HEARTBEAT_SECONDS


def setting(template: dict, value):
    """A value as the task gets it when the stack is deployed with its defaults:
    a parameter with a default becomes that default, anything else stays as written."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        default = (template.get("Parameters") or {}).get(value["Ref"], {}).get("Default")
        if default is not None:
            return str(default)
    return value


def test_the_stream_task_runs_the_api_image_with_its_command():
    stream, api = stream_template(), service_template()
    task = container(stream, "stream")
    assert task["Image"] == container(api, "backend-flask")["Image"]
    assert stream["Parameters"]["ImageTag"]["Default"] == api["Parameters"]["ImageTag"]["Default"]
    assert task["Command"] == ["python", "-m", "stream"]
    assert [m["ContainerPort"] for m in task["PortMappings"]] == [STREAM_PORT]
    (balanced,) = stream["Resources"]["Service"]["Properties"]["LoadBalancers"]
    assert balanced == {
        "ContainerName": "stream",
        "ContainerPort": STREAM_PORT,
        "TargetGroupArn": {"Ref": "StreamTargetGroup"},
    }


def test_the_stream_gets_the_apis_database_and_cognito_settings():
    stream, api = stream_template(), service_template()
    environment = {item["Name"]: item["Value"] for item in container(stream, "stream")["Environment"]}
    api_env = api_environment(api)
    shared = [
        "CRUDDUR_ENV",
        "LOG_LEVEL",
        "AWS_DEFAULT_REGION",
        "FRONTEND_URL",
        "BACKEND_URL",
        "AUTH_PROVIDER",
        "AWS_COGNITO_USER_POOL_ID",
        "AWS_COGNITO_USER_POOL_CLIENT_ID",
        "AVATARS_ASSETS_URL",
        "TRUSTED_PROXY_HOPS",
    ]
    assert {name: setting(stream, environment.get(name)) for name in shared} == {
        name: setting(api, api_env[name]) for name in shared
    }
    assert environment["AUTH_PROVIDER"] == "cognito"
    assert environment["STREAM_PORT"] == str(STREAM_PORT)
    secrets = {item["Name"]: item["ValueFrom"] for item in container(stream, "stream")["Secrets"]}
    api_secrets = {item["Name"]: item["ValueFrom"] for item in container(api, "backend-flask")["Secrets"]}
    assert secrets == {"CONNECTION_URL": api_secrets["CONNECTION_URL"]}


def test_the_stream_has_no_dynamodb_access_and_no_task_role():
    """It calls no AWS API: ECS's execution role reads its one secret, and the
    task itself gets no credentials at all."""
    template = stream_template()
    assert "TaskRoleArn" not in template["Resources"]["TaskDefinition"]["Properties"]
    text = (CFN / "stream" / "template.yaml").read_text().lower()
    assert "dynamodb" not in text and "ddb_" not in text and "messagestable" not in text
    (role,) = resources_of_type(template, "AWS::IAM::Role").values()
    statements = [s for policy in role["Properties"]["Policies"] for s in policy["PolicyDocument"]["Statement"]]
    assert {s["Action"] for s in statements} == {"secretsmanager:GetSecretValue", "kms:Decrypt"}


def test_the_stream_security_group_rules():
    """Load balancer -> task on 4568 only; task -> the database on 5432; the
    rules on the other stacks' groups are this stack's own resources."""
    template = stream_template()
    resources = template["Resources"]
    group = resources["StreamSecurityGroup"]["Properties"]
    alb_group = "${EnvironmentName}-LoadBalancerSecurityGroupId"
    db_group = "${EnvironmentName}-DatabaseSecurityGroupId"
    (ingress,) = group["SecurityGroupIngress"]
    assert (ingress["FromPort"], ingress["ToPort"]) == (STREAM_PORT, STREAM_PORT)
    assert sub_string(ingress["SourceSecurityGroupId"]["Fn::ImportValue"]) == alb_group
    egress = {(rule["FromPort"], rule["ToPort"]): rule for rule in group["SecurityGroupEgress"]}
    assert set(egress) == {(443, 443), (5432, 5432)}
    assert sub_string(egress[(5432, 5432)]["DestinationSecurityGroupId"]["Fn::ImportValue"]) == db_group

    to_stream = resources["LoadBalancerToStreamEgress"]["Properties"]
    assert sub_string(to_stream["GroupId"]["Fn::ImportValue"]) == alb_group
    assert (to_stream["FromPort"], to_stream["DestinationSecurityGroupId"]) == (
        STREAM_PORT,
        {"Fn::GetAtt": ["StreamSecurityGroup", "GroupId"]},
    )
    from_stream = resources["DatabaseFromStreamIngress"]["Properties"]
    assert sub_string(from_stream["GroupId"]["Fn::ImportValue"]) == db_group
    assert (from_stream["FromPort"], from_stream["SourceSecurityGroupId"]) == (
        5432,
        {"Fn::GetAtt": ["StreamSecurityGroup", "GroupId"]},
    )


def test_the_stream_has_its_own_log_group():
    template = stream_template()
    (group,) = resources_of_type(template, "AWS::Logs::LogGroup").values()
    assert group["Properties"]["LogGroupName"] == {"Fn::Sub": "/cruddur/${EnvironmentName}/stream"}
    options = container(template, "stream")["LogConfiguration"]["Options"]
    assert options["awslogs-group"] == {"Ref": "StreamLogGroup"}


def test_the_stream_alarms():
    """Unhealthy and missing targets and 5xx on the stream's own target group,
    CPU and memory of the stream's own service; each notifies the optional topic."""
    template = stream_template()
    alarms = resources_of_type(template, "AWS::CloudWatch::Alarm")
    by_metric = {alarm["Properties"]["MetricName"]: alarm["Properties"] for alarm in alarms.values()}
    assert set(by_metric) == {
        "UnHealthyHostCount",
        "HealthyHostCount",
        "HTTPCode_Target_5XX_Count",
        "CPUUtilization",
        "MemoryUtilization",
    }
    for metric, alarm in by_metric.items():
        dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
        if alarm["Namespace"] == "AWS/ApplicationELB":
            assert dimensions["TargetGroup"] == {"Fn::GetAtt": ["StreamTargetGroup", "TargetGroupFullName"]}, metric
            load_balancer = sub_string(dimensions["LoadBalancer"]["Fn::ImportValue"])
            assert load_balancer == "${EnvironmentName}-LoadBalancerFullName", metric
        else:
            assert alarm["Namespace"] == "AWS/ECS", metric
            assert dimensions["ServiceName"] == {"Fn::GetAtt": ["Service", "Name"]}, metric
        for actions in ("AlarmActions", "OKActions"):
            assert alarm[actions] == {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
        assert sub_string(alarm["AlarmName"]).startswith("${EnvironmentName}-stream-"), metric
    assert by_metric["UnHealthyHostCount"]["ComparisonOperator"] == "GreaterThanThreshold"
    assert by_metric["UnHealthyHostCount"]["Threshold"] == 0
    assert by_metric["HealthyHostCount"]["ComparisonOperator"] == "LessThanThreshold"
    assert by_metric["HealthyHostCount"]["TreatMissingData"] == "breaching"
    assert template["Parameters"]["AlarmTopicArn"]["Default"] == ""


def test_the_stream_scales_on_cpu_and_memory():
    template = stream_template()
    policies = resources_of_type(template, "AWS::ApplicationAutoScaling::ScalingPolicy").values()
    metrics = {
        p["Properties"]["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"][
            "PredefinedMetricType"
        ]
        for p in policies
    }
    assert metrics == {"ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization"}


def stream_container_healthcheck() -> str:
    command = container(stream_template(), "stream")["HealthCheck"]["Command"]
    assert command[:3] == ["CMD", "python", "-c"]
    assert "127.0.0.1" in command[3] and str(STREAM_PORT) in command[3] and "/api/stream/health" in command[3]
    return command[3]


@pytest.mark.parametrize("status, alive", [(200, True), (503, True), (500, False), (404, False), (None, False)])
def test_the_stream_container_health_check_asks_if_the_process_answers(status, alive):
    """Run the task's health check against a stand-in on a free port: 200 and
    503 (PostgreSQL down, which a new task would not mend) keep the task; an
    error, a wrong route or no answer replace it."""
    code = stream_container_healthcheck()
    result = run_health_check(lambda port: code.replace(str(STREAM_PORT), str(port)), "/api/stream/health", status)
    assert (result.returncode == 0) is alive, result.stderr


def test_no_cloudfront_distribution_cuts_a_stream():
    """The SPA's distribution serves S3 only: the browser opens the stream on
    the API's origin, straight to the load balancer. Should a distribution ever
    forward to a custom origin (the API), it must wait longer than the
    heartbeat for the next bytes (CloudFront's default read timeout is 30 s)."""
    distributions = 0
    for path in TEMPLATES:
        template = load(path.read_text())
        for distribution in resources_of_type(template, "AWS::CloudFront::Distribution").values():
            distributions += 1
            for origin in distribution["Properties"]["DistributionConfig"]["Origins"]:
                custom = origin.get("CustomOriginConfig")
                if custom is not None:
                    assert int(custom.get("OriginReadTimeout", 30)) > HEARTBEAT_SECONDS, (path, origin["Id"])
    assert distributions, "no CloudFront distribution found: the parser is not reading them"


def test_the_web_app_may_open_the_stream_on_the_api_origin():
    """EventSource is governed by the Content-Security-Policy's connect-src."""
    text = (CFN / "frontend" / "template.yaml").read_text()
    (connect,) = re.findall(r"connect-src ([^;]+);", text)
    assert "${ApiOrigin}" in connect.split()
