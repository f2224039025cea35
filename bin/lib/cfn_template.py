"""Reads a CloudFormation template written in YAML, its short forms (!Ref,
!Sub, !GetAtt...) turned into the long forms they stand for ({"Ref": ...},
{"Fn::Sub": ...}), with a safe loader."""

import yaml


class TemplateLoader(yaml.SafeLoader):
    pass


def _short_form(loader: TemplateLoader, suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}": value}


TemplateLoader.add_multi_constructor("!", _short_form)


def load_template(text: str) -> dict:
    return yaml.load(text, Loader=TemplateLoader)  # noqa: S506 - TemplateLoader is a SafeLoader
