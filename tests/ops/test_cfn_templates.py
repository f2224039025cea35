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
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bin" / "lib"))

from cfn_template import load_template  # noqa: E402

CFN = REPO / "aws" / "cfn"
LINT = REPO / "bin" / "cfn" / "lint"
STACKS = {
    "networking",
    "cluster",
    "service",
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
