"""backend-flask/buildspec.yml, the CodeBuild build of the cicd stack's pipeline.

Its phases' commands run in one bash, from a folder standing for the source
checkout, with the variables the build project and CodeBuild set, and with
`aws` and `docker` as recording stubs: the test asserts the login, build and
pushes, and the image definitions the deploy stage reads: one file for each
of the two services that run the image (the API and the stream).
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from ops_stubs import REPO, Stubs, script_env

BUILDSPEC = REPO / "backend-flask" / "buildspec.yml"
CICD = REPO / "aws" / "cfn" / "cicd" / "template.yaml"
SERVICE = REPO / "aws" / "cfn" / "service" / "template.yaml"
STREAM = REPO / "aws" / "cfn" / "stream" / "template.yaml"
REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
REPOSITORY = f"{REGISTRY}/dev-backend-flask"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


class CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation YAML, keeping each !Tag's value as it is."""


def _tagged(loader, suffix, node):
    """A !Tag's scalar as plain text; the tagged lists and maps are not needed here."""
    return loader.construct_yaml_str(node) if isinstance(node, yaml.ScalarNode) else None


CfnLoader.add_multi_constructor("!", _tagged)


def spec() -> dict:
    return yaml.safe_load(BUILDSPEC.read_text())


def build_project_variables() -> dict[str, str]:
    resources = yaml.load(CICD.read_text(), Loader=CfnLoader)["Resources"]  # noqa: S506 (SafeLoader subclass)
    environment = resources["BuildProject"]["Properties"]["Environment"]
    return {item["Name"]: item["Value"] for item in environment["EnvironmentVariables"]}


def run_build(tmp_path, stubs: Stubs, **variables: str) -> subprocess.CompletedProcess:
    commands = []
    for phase in ("install", "pre_build", "build", "post_build"):
        commands += spec()["phases"].get(phase, {}).get("commands", [])
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    env = script_env(tmp_path, stubs, AWS_DEFAULT_REGION="us-east-1", CODEBUILD_SRC_DIR=str(source), **variables)
    script = "set -e\n" + "\n".join(commands) + "\n"
    return subprocess.run(
        ["bash", "-c", script], env=env, cwd=source, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def stubs(tmp_path):
    stubs = Stubs(tmp_path)
    stubs.on("aws", "ecr", "get-login-password", stdout="TOKEN")
    return stubs


def test_the_pipeline_builds_with_this_file():
    text = CICD.read_text()
    assert re.search(r"^\s+BuildSpec: backend-flask/buildspec.yml$", text, re.MULTILINE)
    assert spec()["version"] == 0.2
    assert spec()["artifacts"]["files"] == ["imagedefinitions.json", "stream-imagedefinitions.json"]


def test_it_uses_every_variable_the_build_project_passes():
    variables = build_project_variables()
    assert set(variables) == {"REPOSITORY_URI", "CONTAINER_NAME", "STREAM_CONTAINER_NAME", "DOCKERFILE"}
    text = BUILDSPEC.read_text()
    for name in variables:
        assert f"${name}" in text or f"${{{name}" in text, f"{name} is not used"
    # the containers the pipeline updates are the services' containers
    assert variables["CONTAINER_NAME"] == "backend-flask"
    assert "- Name: backend-flask\n" in SERVICE.read_text()
    assert variables["STREAM_CONTAINER_NAME"] == "stream"
    assert "- Name: stream\n" in STREAM.read_text()


def pipeline_deploy_actions() -> dict[str, dict]:
    """The deploy stage's ECS actions: service name (as !Sub writes it) -> configuration."""
    resources = yaml.load(CICD.read_text(), Loader=CfnLoader)["Resources"]  # noqa: S506 (SafeLoader subclass)
    (stage,) = [s for s in resources["Pipeline"]["Properties"]["Stages"] if s["Name"] == "Deploy"]
    actions = {}
    for action in stage["Actions"]:
        assert action["ActionTypeId"]["Provider"] == "ECS"
        assert action.get("RunOrder", 1) == 1, "the two services roll out side by side"
        actions[action["Configuration"]["ServiceName"]] = action["Configuration"]
    return actions


def test_the_pipeline_rolls_out_the_api_and_the_stream():
    """Each deploy action reads the file of the build's artifacts that names its
    service's container, and the pipeline may update exactly those services."""
    actions = pipeline_deploy_actions()
    assert {name: config["FileName"] for name, config in actions.items()} == {
        "${EnvironmentName}-backend-flask": "imagedefinitions.json",
        "${EnvironmentName}-stream": "stream-imagedefinitions.json",
    }
    for template in (SERVICE, STREAM):
        match = re.search(r"^      ServiceName: !Sub (\S+)$", template.read_text(), re.MULTILINE)
        assert match and match.group(1) in actions, template
    text = CICD.read_text()
    for family in ("backend-flask", "stream"):
        assert f"service/${{ClusterName}}/${{EnvironmentName}}-{family}\n" in text
        assert f"task-definition/${{EnvironmentName}}-{family}:*\n" in text


def test_logs_in_builds_pushes_and_writes_the_image_definitions(stubs, tmp_path):
    variables = build_project_variables()
    variables["REPOSITORY_URI"] = REPOSITORY
    result = run_build(tmp_path, stubs, CODEBUILD_RESOLVED_SOURCE_VERSION=COMMIT, **variables)
    assert result.returncode == 0, result.stderr
    assert stubs.calls() == [
        ["aws", "ecr", "get-login-password", "--region", "us-east-1"],
        ["docker", "login", "--username", "AWS", "--password-stdin", REGISTRY],
        [
            "docker",
            "build",
            "--file",
            "backend-flask/Dockerfile.prod",
            "--tag",
            f"{REPOSITORY}:latest",
            "--tag",
            f"{REPOSITORY}:{COMMIT}",
            "backend-flask",
        ],
        ["docker", "push", f"{REPOSITORY}:{COMMIT}"],
        ["docker", "push", f"{REPOSITORY}:latest"],
    ]
    assert stubs.records()[1]["stdin"] == "TOKEN"
    definitions = json.loads((tmp_path / "src" / "imagedefinitions.json").read_text())
    assert definitions == [{"name": "backend-flask", "imageUri": f"{REPOSITORY}:{COMMIT}"}]
    definitions = json.loads((tmp_path / "src" / "stream-imagedefinitions.json").read_text())
    assert definitions == [{"name": "stream", "imageUri": f"{REPOSITORY}:{COMMIT}"}]


def test_container_name_and_dockerfile_default_and_can_be_changed(stubs, tmp_path):
    result = run_build(tmp_path, stubs, REPOSITORY_URI=REPOSITORY, CODEBUILD_RESOLVED_SOURCE_VERSION=COMMIT)
    assert result.returncode == 0, result.stderr
    definitions = json.loads((tmp_path / "src" / "imagedefinitions.json").read_text())
    assert definitions[0]["name"] == "backend-flask"
    assert json.loads((tmp_path / "src" / "stream-imagedefinitions.json").read_text())[0]["name"] == "stream"
    assert stubs.calls("docker")[1][3] == "backend-flask/Dockerfile.prod"

    result = run_build(
        tmp_path,
        stubs,
        REPOSITORY_URI=REPOSITORY,
        CODEBUILD_RESOLVED_SOURCE_VERSION=COMMIT,
        CONTAINER_NAME="api",
        STREAM_CONTAINER_NAME="events",
        DOCKERFILE="backend-flask/Dockerfile",
    )
    assert result.returncode == 0, result.stderr
    definitions = json.loads((tmp_path / "src" / "imagedefinitions.json").read_text())
    assert definitions == [{"name": "api", "imageUri": f"{REPOSITORY}:{COMMIT}"}]
    definitions = json.loads((tmp_path / "src" / "stream-imagedefinitions.json").read_text())
    assert definitions == [{"name": "events", "imageUri": f"{REPOSITORY}:{COMMIT}"}]
    assert stubs.calls("docker")[-3][3] == "backend-flask/Dockerfile"


@pytest.mark.parametrize("missing", ["REPOSITORY_URI", "CODEBUILD_RESOLVED_SOURCE_VERSION"])
def test_a_missing_variable_stops_the_build_before_docker(missing, stubs, tmp_path):
    variables = {"REPOSITORY_URI": REPOSITORY, "CODEBUILD_RESOLVED_SOURCE_VERSION": COMMIT}
    del variables[missing]
    result = run_build(tmp_path, stubs, **variables)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr
    assert stubs.calls() == []


def test_a_failed_build_pushes_nothing(stubs, tmp_path):
    stubs.on("docker", "build", stderr="failed to solve\n", exit=1)
    result = run_build(tmp_path, stubs, REPOSITORY_URI=REPOSITORY, CODEBUILD_RESOLVED_SOURCE_VERSION=COMMIT)
    assert result.returncode != 0
    assert [call[1] for call in stubs.calls("docker")] == ["login", "build"]
    assert not (tmp_path / "src" / "imagedefinitions.json").exists()
    assert not (tmp_path / "src" / "stream-imagedefinitions.json").exists()
