"""The operator scripts that drive Docker and the AWS CLI: bin/backend/{build,
push,deploy,run}, bin/ecr/login and bin/rds/update-sg-rule, plus what every
new operator script owes: --help, strict bash, a clear failure when a
variable or tool is missing.

`docker` and `aws` are recording stubs first on PATH (tests/ops/ops_stubs.py):
each test asserts the exact commands a script ran, and what it printed.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from ops_stubs import REPO, Stubs, basic_path, run, script_env

ACCOUNT = "123456789012"  # the documentation's example account
REGISTRY = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"
REPOSITORY = f"{REGISTRY}/dev-backend-flask"

NEW_SCRIPTS = [
    "bin/backend/build",
    "bin/backend/push",
    "bin/backend/deploy",
    "bin/backend/run",
    "bin/ecr/login",
    "bin/rds/update-sg-rule",
    "bin/cognito/list-users",
    "bin/db/update-cognito-user-ids",
    "bin/frontend/static-build",
    "bin/lambdas/package",
]


@pytest.fixture
def stubs(tmp_path):
    return Stubs(tmp_path)


def exports_query(name: str) -> list[str]:
    return ["aws", "cloudformation", "list-exports", "--query", f"Exports[?Name=='{name}'].Value", "--output", "text"]


def template_name(stack: str, resource_property: str) -> str:
    """The `!Sub` name a stack's template gives a resource (e.g. ClusterName)."""
    text = (REPO / "aws" / "cfn" / stack / "template.yaml").read_text()
    match = re.search(rf"^\s+{resource_property}: !Sub (\S+)$", text, re.MULTILINE)
    assert match, f"{resource_property} not found in aws/cfn/{stack}/template.yaml"
    return match.group(1)


# --- what every new script owes ---------------------------------------------


@pytest.mark.parametrize("script", NEW_SCRIPTS)
def test_help_exits_zero_and_calls_nothing(script, stubs, tmp_path):
    result = run(script, ["--help"], script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    assert result.stdout.lower().startswith("usage:")
    assert script in result.stdout
    assert stubs.calls() == []


@pytest.mark.parametrize("script", NEW_SCRIPTS)
def test_scripts_are_strict_bash_without_hard_coded_paths_or_accounts(script):
    path = REPO / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    text = path.read_text()
    lines = text.splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines
    assert str(REPO) not in text
    assert not re.search(r"\b\d{12}\b", text), "an account id in the script"


MISSING = [
    ("bin/backend/push", [], {}, "ENV is not set"),
    ("bin/backend/push", ["--env", "Not-Valid"], {}, "ENV must be 2 to 10 lowercase letters"),
    ("bin/backend/deploy", [], {}, "ENV is not set"),
    ("bin/backend/build", ["--tag", "-bad"], {}, "not a valid image tag"),
    ("bin/backend/run", ["--env-file", "/nonexistent/backend-flask.env"], {}, "bin/backend/generate-env"),
    ("bin/ecr/login", [], {}, "AWS_DEFAULT_REGION is not set"),
    ("bin/rds/update-sg-rule", [], {}, "DB_SG_RULE_IP is not set"),
    ("bin/rds/update-sg-rule", [], {"DB_SG_RULE_IP": "203.0.113.7"}, "DB_SG_RULE_ID is not set"),
    (
        "bin/rds/update-sg-rule",
        [],
        {"DB_SG_RULE_IP": "203.0.113.7", "DB_SG_RULE_ID": "sgr-0123456789abcdef0"},
        "ENV is not set",
    ),
    ("bin/cognito/list-users", [], {}, "AWS_COGNITO_USER_POOL_ID is not set"),
    ("bin/db/update-cognito-user-ids", [], {"AWS_COGNITO_USER_POOL_ID": "us-east-1_abc"}, "CONNECTION_URL is not set"),
    (
        "bin/db/update-cognito-user-ids",
        [],
        {"CONNECTION_URL": "postgresql://postgres@127.0.0.1:1/cruddur"},
        "AWS_COGNITO_USER_POOL_ID is not set",
    ),
    ("bin/frontend/static-build", ["--env-file", os.devnull], {}, "VITE_API_URL is not set"),
    ("bin/lambdas/package", [], {}, "name the function to package"),
    ("bin/lambdas/package", ["no-such-function"], {}, "Functions: cruddur-post-confirmation"),
]


@pytest.mark.parametrize(("script", "args", "extra", "message"), MISSING, ids=lambda v: str(v)[:40])
def test_a_missing_variable_fails_clearly(script, args, extra, message, stubs, tmp_path):
    result = run(script, args, script_env(tmp_path, stubs, **extra))
    assert result.returncode != 0
    assert message in result.stderr
    assert "error:" in result.stderr
    # nothing was built, pushed, deployed or changed
    assert stubs.calls("docker") == []
    assert [call for call in stubs.calls("aws") if call[1:3] != ["configure", "get"]] == []


@pytest.mark.parametrize(
    ("script", "args", "extra", "tool"),
    [
        ("bin/backend/build", [], {}, "docker"),
        ("bin/backend/run", ["--env-file", os.devnull], {}, "docker"),
        ("bin/backend/deploy", [], {"ENV": "dev"}, "aws"),
        ("bin/ecr/login", [REGISTRY], {}, "aws"),
        ("bin/rds/update-sg-rule", ["--ip", "203.0.113.7", "--rule-id", "sgr-0123456789abcdef0"], {}, "aws"),
    ],
)
def test_a_missing_tool_fails_with_how_to_install_it(script, args, extra, tool, tmp_path):
    result = run(script, args, script_env(tmp_path, path=basic_path(tmp_path), **extra))
    assert result.returncode != 0
    assert f"'{tool}' is not installed" in result.stderr
    assert "Install" in result.stderr


# --- bin/backend/build ---------------------------------------------------------


def test_build_builds_dockerfile_prod_for_fargate(stubs, tmp_path):
    result = run("bin/backend/build", [], script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        [
            "docker",
            "build",
            "--platform",
            "linux/amd64",
            "--file",
            f"{REPO}/backend-flask/Dockerfile.prod",
            "--tag",
            "backend-flask-prod:latest",
            f"{REPO}/backend-flask",
        ]
    ]
    assert "Building backend-flask-prod:latest" in result.stdout + result.stderr


def test_build_takes_the_tag_from_the_environment_or_the_arguments(stubs, tmp_path):
    env = script_env(tmp_path, stubs, BACKEND_IMAGE_TAG="from-env", BACKEND_IMAGE="cruddur-api")
    assert run("bin/backend/build", [], env).returncode == 0
    assert run("bin/backend/build", ["--tag", "v1.2.3", "--platform", "linux/arm64"], env).returncode == 0
    tags = [call[call.index("--tag") + 1] for call in stubs.calls("docker")]
    platforms = [call[call.index("--platform") + 1] for call in stubs.calls("docker")]
    assert tags == ["cruddur-api:from-env", "cruddur-api:v1.2.3"]
    assert platforms == ["linux/amd64", "linux/arm64"]


def test_build_reports_a_failed_build(stubs, tmp_path):
    stubs.on("docker", "build", stderr="Cannot connect to the Docker daemon\n", exit=1)
    result = run("bin/backend/build", [], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "Cannot connect to the Docker daemon" in result.stderr
    assert "Built backend-flask-prod" not in result.stdout + result.stderr


# --- bin/ecr/login ---------------------------------------------------------------


def test_login_pipes_the_token_to_docker(stubs, tmp_path):
    stubs.on("aws", "ecr", "get-login-password", stdout="TOKEN-123")
    result = run("bin/ecr/login", [f"{ACCOUNT}.dkr.ecr.eu-west-2.amazonaws.com"], script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        ["aws", "ecr", "get-login-password", "--region", "eu-west-2"],
        ["docker", "login", "--username", "AWS", "--password-stdin", f"{ACCOUNT}.dkr.ecr.eu-west-2.amazonaws.com"],
    ]
    assert stubs.records()[1]["stdin"] == "TOKEN-123"
    assert "TOKEN-123" not in result.stdout + result.stderr


def test_login_finds_the_account_registry(stubs, tmp_path):
    stubs.on("aws", "sts", "get-caller-identity", stdout=f"{ACCOUNT}\n")
    stubs.on("aws", "ecr", "get-login-password", stdout="TOKEN")
    result = run("bin/ecr/login", [], script_env(tmp_path, stubs, AWS_DEFAULT_REGION="us-west-2"))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        ["aws", "sts", "get-caller-identity", "--query", "Account", "--output", "text"],
        ["aws", "ecr", "get-login-password", "--region", "us-west-2"],
        ["docker", "login", "--username", "AWS", "--password-stdin", f"{ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com"],
    ]


def test_login_takes_the_registry_from_the_repository_uri(stubs, tmp_path):
    result = run("bin/ecr/login", [], script_env(tmp_path, stubs, BACKEND_REPOSITORY_URI=REPOSITORY))
    assert result.returncode == 0, result.stderr
    assert stubs.calls("docker")[0][-1] == REGISTRY


def test_login_refuses_what_is_not_an_ecr_registry(stubs, tmp_path):
    result = run("bin/ecr/login", ["docker.io"], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "is not an ECR registry" in result.stderr
    assert stubs.calls() == []


def test_login_fails_when_docker_login_fails(stubs, tmp_path):
    stubs.on("docker", "login", stderr="denied\n", exit=1)
    result = run("bin/ecr/login", [REGISTRY], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert f"could not log in to {REGISTRY}" in result.stderr


# --- bin/backend/push ---------------------------------------------------------------


def test_push_to_a_given_repository(stubs, tmp_path):
    env = script_env(tmp_path, stubs, BACKEND_REPOSITORY_URI=REPOSITORY)
    result = run("bin/backend/push", ["--no-login", "--tag", "v7"], env)
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        ["docker", "tag", "backend-flask-prod:v7", f"{REPOSITORY}:v7"],
        ["docker", "push", f"{REPOSITORY}:v7"],
    ]


def test_push_finds_the_repository_in_the_cicd_exports_and_logs_in(stubs, tmp_path):
    stubs.on("aws", "cloudformation", "list-exports", stdout=f"{REPOSITORY}\n")
    stubs.on("aws", "ecr", "get-login-password", stdout="TOKEN")
    result = run("bin/backend/push", [], script_env(tmp_path, stubs, ENV="dev"))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        exports_query("dev-BackendRepositoryUri"),
        ["aws", "ecr", "get-login-password", "--region", "us-east-1"],
        ["docker", "login", "--username", "AWS", "--password-stdin", REGISTRY],
        ["docker", "tag", "backend-flask-prod:latest", f"{REPOSITORY}:latest"],
        ["docker", "push", f"{REPOSITORY}:latest"],
    ]
    # the export is the one the cicd stack declares
    assert "Name: !Sub ${EnvironmentName}-BackendRepositoryUri" in (REPO / "aws/cfn/cicd/template.yaml").read_text()


@pytest.mark.parametrize("answer", ["", "None\n"])
def test_push_stops_when_the_export_is_missing(answer, stubs, tmp_path):
    stubs.on("aws", "cloudformation", "list-exports", stdout=answer)
    result = run("bin/backend/push", ["--env", "prod"], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "no CloudFormation export named 'prod-BackendRepositoryUri'" in result.stderr
    assert stubs.calls("docker") == []


def test_push_stops_when_the_image_cannot_be_tagged(stubs, tmp_path):
    stubs.on("docker", "tag", stderr="No such image: backend-flask-prod:latest\n", exit=1)
    result = run("bin/backend/push", ["--no-login"], script_env(tmp_path, stubs, BACKEND_REPOSITORY_URI=REPOSITORY))
    assert result.returncode != 0
    assert [call[1] for call in stubs.calls("docker")] == ["tag"]


# --- bin/backend/deploy -------------------------------------------------------------


def test_deploy_uses_the_names_the_stacks_give():
    assert template_name("cluster", "ClusterName") == "${EnvironmentName}-cruddur"
    assert template_name("service", "ServiceName") == "${EnvironmentName}-backend-flask"
    assert template_name("stream", "ServiceName") == "${EnvironmentName}-stream"


def update_service(cluster: str, service: str) -> list[str]:
    return [
        "aws",
        "ecs",
        "update-service",
        "--cluster",
        cluster,
        "--service",
        service,
        "--force-new-deployment",
        "--query",
        "service.taskDefinition",
        "--output",
        "text",
    ]


def test_deploy_rolls_the_api_and_the_stream_and_waits_for_both(stubs, tmp_path):
    stubs.on("aws", "ecs", "update-service", stdout="arn:aws:ecs:us-east-1:x:task-definition/prod-backend-flask:7\n")
    result = run("bin/backend/deploy", [], script_env(tmp_path, stubs, ENV="prod"))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        update_service("prod-cruddur", "prod-backend-flask"),
        update_service("prod-cruddur", "prod-stream"),
        [
            "aws",
            "ecs",
            "wait",
            "services-stable",
            "--cluster",
            "prod-cruddur",
            "--services",
            "prod-backend-flask",
            "prod-stream",
        ],
    ]
    assert "task-definition/prod-backend-flask:7" in result.stdout + result.stderr
    assert "prod-backend-flask prod-stream are stable" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "only, service",
    [("api", "dev-backend-flask"), ("stream", "dev-stream")],
)
def test_deploy_only_one_of_them(only, service, stubs, tmp_path):
    result = run("bin/backend/deploy", ["--env", "dev", "--only", only], script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        update_service("dev-cruddur", service),
        ["aws", "ecs", "wait", "services-stable", "--cluster", "dev-cruddur", "--services", service],
    ]
    assert f"Service {service} is stable" in result.stderr


def test_deploy_refuses_an_unknown_only(stubs, tmp_path):
    result = run("bin/backend/deploy", ["--env", "dev", "--only", "frontend"], script_env(tmp_path, stubs))
    assert result.returncode == 2
    assert "--only takes api or stream" in result.stderr
    assert stubs.calls() == []


def test_deploy_without_waiting_and_with_overrides(stubs, tmp_path):
    env = script_env(
        tmp_path, stubs, ECS_CLUSTER="other-cluster", ECS_SERVICE="other-service", ECS_STREAM_SERVICE="other-stream"
    )
    result = run("bin/backend/deploy", ["--no-wait"], env)
    assert result.returncode == 0, result.stderr
    assert [call[:7] for call in stubs.calls()] == [
        ["aws", "ecs", "update-service", "--cluster", "other-cluster", "--service", "other-service"],
        ["aws", "ecs", "update-service", "--cluster", "other-cluster", "--service", "other-stream"],
    ]


def test_deploy_needs_the_environment_for_a_name_not_given(stubs, tmp_path):
    env = script_env(tmp_path, stubs, ECS_CLUSTER="other-cluster", ECS_SERVICE="other-service")
    result = run("bin/backend/deploy", [], env)
    assert result.returncode != 0
    assert "ENV is not set" in result.stderr
    assert stubs.calls() == []
    result = run("bin/backend/deploy", ["--only", "api", "--no-wait"], env)
    assert result.returncode == 0, result.stderr


def test_deploy_fails_when_the_services_do_not_settle(stubs, tmp_path):
    stubs.on("aws", "ecs", "wait", stderr="Waiter ServicesStable failed: Max attempts exceeded\n", exit=255)
    result = run("bin/backend/deploy", ["--env", "dev"], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "dev-backend-flask dev-stream did not become stable" in result.stderr
    assert "describe-services" in result.stderr


def test_deploy_fails_when_the_update_is_refused(stubs, tmp_path):
    stubs.on("aws", "ecs", "update-service", stderr="ServiceNotFoundException\n", exit=254)
    result = run("bin/backend/deploy", ["--env", "dev"], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "could not update service dev-backend-flask" in result.stderr
    assert len(stubs.calls()) == 1


def test_deploy_says_how_to_go_on_without_the_stream_stack(stubs, tmp_path):
    stubs.on("aws", "ecs", "update-service", "--cluster", "dev-cruddur", "--service", "dev-stream", exit=254)
    result = run("bin/backend/deploy", ["--env", "dev"], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "could not update service dev-stream" in result.stderr
    assert "bin/cfn/deploy stream" in result.stderr and "--only api" in result.stderr
    assert [call[6] for call in stubs.calls()] == ["dev-backend-flask", "dev-stream"]


# --- bin/backend/run ----------------------------------------------------------------


def test_run_starts_the_prod_image_with_the_env_file(stubs, tmp_path):
    env_file = tmp_path / "api.env"
    env_file.write_text("CONNECTION_URL=postgresql://postgres:password@db:5432/cruddur\n")
    result = run("bin/backend/run", ["--env-file", str(env_file)], script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        [
            "docker",
            "run",
            "--rm",
            "--name",
            "backend-flask-prod-4567",
            "--env-file",
            str(env_file),
            "--publish",
            "4567:4567",
            "backend-flask-prod:latest",
        ]
    ]
    assert "http://localhost:4567" in result.stdout + result.stderr


def test_run_with_port_network_and_tag(stubs, tmp_path):
    env_file = tmp_path / "api.env"
    env_file.write_text("")
    args = ["--env-file", str(env_file), "--port", "8080", "--network", "cruddur_default", "--tag", "v2"]
    result = run("bin/backend/run", args, script_env(tmp_path, stubs))
    assert result.returncode == 0, result.stderr
    call = stubs.calls()[0]
    assert call[call.index("--publish") + 1] == "8080:4567"
    assert call[call.index("--network") + 1] == "cruddur_default"
    assert call[-1] == "backend-flask-prod:v2"


@pytest.mark.parametrize("port", ["0", "65536", "http", "80a"])
def test_run_refuses_a_bad_port(port, stubs, tmp_path):
    result = run("bin/backend/run", ["--env-file", os.devnull, "--port", port], script_env(tmp_path, stubs))
    assert result.returncode != 0
    assert "port must be a number" in result.stderr
    assert stubs.calls() == []


# --- bin/rds/update-sg-rule --------------------------------------------------------------

RULE = "sgr-0123456789abcdef0"
GROUP = "sg-0fedcba9876543210"


def modify_call(stubs) -> tuple[list[str], list[dict]]:
    (call,) = [c for c in stubs.calls("aws") if c[1:3] == ["ec2", "modify-security-group-rules"]]
    return call, json.loads(call[call.index("--security-group-rules") + 1])


def test_update_sg_rule_moves_the_rule_to_the_given_address(stubs, tmp_path):
    env = script_env(tmp_path, stubs, DB_SG_RULE_IP="203.0.113.7", DB_SG_RULE_ID=RULE, DB_SG_ID=GROUP)
    result = run("bin/rds/update-sg-rule", [], env)
    assert result.returncode == 0, result.stderr
    call, rules = modify_call(stubs)
    assert call[:5] == ["aws", "ec2", "modify-security-group-rules", "--group-id", GROUP]
    assert rules == [
        {
            "SecurityGroupRuleId": RULE,
            "SecurityGroupRule": {
                "IpProtocol": "tcp",
                "FromPort": 5432,
                "ToPort": 5432,
                "CidrIpv4": "203.0.113.7/32",
                "Description": "operator workstation",
            },
        }
    ]
    assert len(stubs.calls()) == 1
    assert "203.0.113.7/32" in result.stdout + result.stderr


def test_update_sg_rule_arguments_win_and_the_group_comes_from_the_db_exports(stubs, tmp_path):
    stubs.on("aws", "cloudformation", "list-exports", stdout=f"{GROUP}\n")
    env = script_env(tmp_path, stubs, DB_SG_RULE_IP="198.51.100.1", DB_SG_RULE_ID=RULE, ENV="dev")
    args = ["--ip", "192.0.2.0/28", "--description", "GITPOD (ws-1) [home]"]
    result = run("bin/rds/update-sg-rule", args, env)
    assert result.returncode == 0, result.stderr
    assert stubs.calls()[0] == exports_query("dev-DatabaseSecurityGroupId")
    call, rules = modify_call(stubs)
    assert call[4] == GROUP
    assert rules[0]["SecurityGroupRule"]["CidrIpv4"] == "192.0.2.0/28"
    assert rules[0]["SecurityGroupRule"]["Description"] == "GITPOD (ws-1) [home]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ip", "256.1.1.1"], "is not an IPv4 address"),
        (["--ip", "203.0.113.7/33"], "is not an IPv4 address"),
        (["--ip", "2001:db8::1"], "is not an IPv4 address"),
        (["--ip", "203.0.113.7", "--rule-id", "rule-1"], "is not a security group rule id"),
        (["--ip", "203.0.113.7", "--description", 'say "hi"'], "the description may hold"),
        (["--ip", "203.0.113.7", "--group-id", "vpc-123"], "is not a security group id"),
    ],
)
def test_update_sg_rule_refuses_bad_values(args, message, stubs, tmp_path):
    env = script_env(tmp_path, stubs, DB_SG_RULE_ID=RULE, DB_SG_ID=GROUP)
    result = run("bin/rds/update-sg-rule", args, env)
    assert result.returncode != 0
    assert message in result.stderr
    assert stubs.calls() == []


def test_update_sg_rule_reports_a_refused_update(stubs, tmp_path):
    stubs.on("aws", "ec2", "modify-security-group-rules", stderr="InvalidSecurityGroupRuleId.NotFound\n", exit=254)
    env = script_env(tmp_path, stubs, DB_SG_RULE_IP="203.0.113.7", DB_SG_RULE_ID=RULE, DB_SG_ID=GROUP)
    result = run("bin/rds/update-sg-rule", [], env)
    assert result.returncode != 0
    assert f"could not update rule {RULE}" in result.stderr
