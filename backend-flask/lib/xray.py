"""AWS X-Ray, on when AWS_XRAY_DAEMON_ADDRESS is set: a segment per request
(with the load balancer's trace header honoured) and a subsegment per SQL
template and DynamoDB call. Sampling follows the rules the daemon serves
(aws/json/xray.json), falling back to the SDK's default of one request a
second plus 5 %."""

from aws_xray_sdk.core import xray_recorder
from aws_xray_sdk.ext.flask.middleware import XRayMiddleware

from lib import tracing


def init_app(app, daemon_address: str, service_name: str):
    xray_recorder.configure(
        service=service_name,
        daemon_address=daemon_address,
        context_missing="IGNORE_ERROR",
        plugins=(),
    )
    XRayMiddleware(app, xray_recorder)

    def start_span(kind: str, name: str):
        return xray_recorder.in_subsegment(f"{kind} {name}", namespace="remote")

    tracing.register(start_span)
