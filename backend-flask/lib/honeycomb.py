"""OpenTelemetry traces over OTLP/HTTP (Honeycomb, or any collector), on when
OTEL_EXPORTER_OTLP_ENDPOINT is set: Flask's server spans, outbound HTTP, and a
span per SQL template and DynamoDB call. Traces go to <endpoint>/v1/traces;
the exporter reads OTEL_EXPORTER_OTLP_HEADERS itself (Honeycomb's team key:
`x-honeycomb-team=...`)."""

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.requests import RequestsInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from lib import tracing

SYSTEMS = {"sql": "postgresql", "dynamodb": "dynamodb"}


def init_app(app, endpoint: str, service_name: str) -> TracerProvider:
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter))
    FlaskInstrumentor().instrument_app(app, tracer_provider=provider)
    RequestsInstrumentor().instrument(tracer_provider=provider)
    tracer = provider.get_tracer("cruddur")

    def start_span(kind: str, name: str):
        return tracer.start_as_current_span(
            f"{kind} {name}", kind=trace.SpanKind.CLIENT, attributes={"db.system": SYSTEMS.get(kind, kind)}
        )

    tracing.register(start_span)
    app.extensions["otel_provider"] = provider
    return provider
