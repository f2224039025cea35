"""bin/cfn/deploy_args.py: what bin/cfn/deploy hands `aws cloudformation deploy`
for a stack's config.toml."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from ops_stubs import REPO

sys.path.insert(0, str(REPO / "bin" / "cfn"))

from deploy_args import ConfigError, deploy_args  # noqa: E402

SCRIPT = REPO / "bin" / "cfn" / "deploy_args.py"
CONFIG = {
    "deploy": {"stack_name": "dev-cruddur-networking", "region": "us-east-1", "bucket": "b", "s3_prefix": "cfn/x"},
    "parameters": {"EnvironmentName": "dev", "AvailabilityZoneCount": 2, "Public": True, "Zones": ["a", "b"]},
    "tags": {"Project": "cruddur"},
}


def test_the_config_becomes_a_change_set_to_review():
    assert deploy_args(CONFIG, "t.yaml", execute=False) == [
        "cloudformation",
        "deploy",
        "--template-file",
        "t.yaml",
        "--stack-name",
        "dev-cruddur-networking",
        "--region",
        "us-east-1",
        "--capabilities",
        "CAPABILITY_IAM",
        "CAPABILITY_NAMED_IAM",
        "--no-fail-on-empty-changeset",
        "--s3-bucket",
        "b",
        "--s3-prefix",
        "cfn/x",
        "--parameter-overrides",
        "EnvironmentName=dev",
        "AvailabilityZoneCount=2",
        "Public=true",
        "Zones=a,b",
        "--tags",
        "Project=cruddur",
        "--no-execute-changeset",
    ]


def test_execute_and_the_optional_parts():
    config = {"deploy": {"stack_name": "s", "region": "eu-west-1", "bucket": "", "capabilities": ["CAPABILITY_IAM"]}}
    args = deploy_args(config, "t.yaml", execute=True)
    assert args[-3:] == ["--capabilities", "CAPABILITY_IAM", "--no-fail-on-empty-changeset"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"deploy": {"region": "us-east-1"}}, "[deploy] needs stack_name"),
        ({}, "[deploy] needs stack_name, region"),
        (CONFIG | {"parameters": {"ElbLogDeliveryAccountId": "CHANGE-ME-id"}}, "ElbLogDeliveryAccountId"),
    ],
)
def test_an_incomplete_config_is_refused(config, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        deploy_args(config, "t.yaml", execute=False)


def test_every_example_is_refused_while_a_placeholder_is_left():
    for example in sorted((REPO / "aws" / "cfn").glob("*/config.toml.example")):
        result = subprocess.run(
            [sys.executable, SCRIPT, example, "t.yaml"], capture_output=True, text=True, check=False, timeout=30
        )
        config = tomllib.loads(example.read_text())
        if any("CHANGE-ME" in str(value) for section in config.values() for value in section.values()):
            assert result.returncode == 1 and "replace the CHANGE-ME values" in result.stderr, example
        else:
            assert result.returncode == 0, result.stderr
            assert result.stdout.split("\0")[:2] == ["cloudformation", "deploy"]


def test_a_file_that_is_not_toml_is_refused(tmp_path):
    broken = tmp_path / "config.toml"
    broken.write_text("[deploy\n")
    result = subprocess.run([sys.executable, SCRIPT, broken, "t.yaml"], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "not valid TOML" in result.stderr and result.stdout == ""
