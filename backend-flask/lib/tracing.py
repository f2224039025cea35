"""Spans around the calls that leave the process (each SQL template, each
DynamoDB call), for whichever tracers are on: OpenTelemetry, X-Ray, both or
none. With none, `span` costs one empty context manager."""

from contextlib import ExitStack, nullcontext

_tracers = []


def register(start_span):
    """`start_span(kind, name)` returns a context manager that traces the call."""
    _tracers.append(start_span)


def span(kind: str, name: str):
    """E.g. `with span("sql", "activities/home"): ...`"""
    if not _tracers:
        return nullcontext()
    stack = ExitStack()
    for start_span in _tracers:
        stack.enter_context(start_span(kind, name))
    return stack
