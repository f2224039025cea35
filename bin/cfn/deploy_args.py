"""The arguments of `aws cloudformation deploy` for one stack, from its
config.toml, for bin/cfn/deploy:

    python bin/cfn/deploy_args.py CONFIG TEMPLATE [--execute]

writes them to stdout, each ended by a NUL byte so that values keep their
spaces. Exits 1 with one line on stderr when the file is not valid TOML,
lacks [deploy] stack_name or region, or still holds a CHANGE-ME value.
Standard library only: it runs on any Python 3.11.
"""

from __future__ import annotations

import argparse
import sys
import tomllib

DEFAULT_CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"]


class ConfigError(Exception):
    """What is wrong with a config.toml, in one sentence."""


def text(value) -> str:
    """A TOML value as CloudFormation takes it: booleans in lower case, lists joined by commas."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(text(item) for item in value)
    return str(value)


def deploy_args(config: dict, template: str, execute: bool) -> list[str]:
    deploy = config.get("deploy", {})
    parameters = {name: text(value) for name, value in config.get("parameters", {}).items()}
    tags = {name: text(value) for name, value in config.get("tags", {}).items()}
    missing = [key for key in ("stack_name", "region") if not deploy.get(key)]
    if missing:
        raise ConfigError(f"[deploy] needs {', '.join(missing)}")
    placeholders = [
        name for name, value in [*deploy.items(), *parameters.items(), *tags.items()] if "CHANGE-ME" in text(value)
    ]
    if placeholders:
        raise ConfigError(f"replace the CHANGE-ME values of: {', '.join(placeholders)}")

    args = [
        "cloudformation",
        "deploy",
        "--template-file",
        template,
        "--stack-name",
        deploy["stack_name"],
        "--region",
        deploy["region"],
        "--capabilities",
        *deploy.get("capabilities", DEFAULT_CAPABILITIES),
        "--no-fail-on-empty-changeset",
    ]
    if deploy.get("bucket"):
        args += ["--s3-bucket", deploy["bucket"]]
        if deploy.get("s3_prefix"):
            args += ["--s3-prefix", deploy["s3_prefix"]]
    if parameters:
        args += ["--parameter-overrides", *(f"{name}={value}" for name, value in parameters.items())]
    if tags:
        args += ["--tags", *(f"{name}={value}" for name, value in tags.items())]
    if not execute:
        args.append("--no-execute-changeset")
    return args


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="deploy_args.py", description="The aws arguments for bin/cfn/deploy.")
    parser.add_argument("config", help="the stack's config.toml")
    parser.add_argument("template", help="the stack's template.yaml")
    parser.add_argument("--execute", action="store_true", help="execute the change set (default: only create it)")
    args = parser.parse_args(argv)
    try:
        with open(args.config, "rb") as handle:
            config = tomllib.load(handle)
        aws_args = deploy_args(config, args.template, args.execute)
    except tomllib.TOMLDecodeError as error:
        print(f"{args.config}: not valid TOML: {error}", file=sys.stderr)
        return 1
    except ConfigError as error:
        print(f"{args.config}: {error}", file=sys.stderr)
        return 1
    sys.stdout.write("".join(f"{arg}\0" for arg in aws_args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
