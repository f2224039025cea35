"""The Cruddur API: `create_app()` builds it; `app` is what gunicorn serves."""

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from lib import cognito_jwt_token, cors, honeycomb, rate_limit, request_log, rollbar, security_headers, xray
from lib.config import load_settings
from lib.db import db
from lib.ddb import ddb
from lib.error_handlers import register_error_handlers
from lib.local_identity import local_signer
from lib.request_log import configure_logging
from lib.storage import LocalAvatars, S3Uploads
from routes import activities, auth, avatars, general, messages, moderation, stream_tickets, users
from routes.converters import register_converters


def create_app(test_config: dict | None = None) -> Flask:
    settings = load_settings(test_config)
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = 6 * 1024 * 1024
    app.json.sort_keys = False
    if settings.trusted_proxy_hops:
        hops = settings.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    configure_logging(settings.log_level, None, settings.cloudwatch_log_group, settings.aws_default_region)
    register_extensions(app)
    register_observability(app)
    register_converters(app)
    register_blueprints(app)
    register_error_handlers(app)
    return app


def register_observability(app: Flask):
    """Request logs always; traces and error reports only where configured."""
    settings = app.config["SETTINGS"]
    request_log.init_app(app)
    if settings.otel_exporter_otlp_endpoint:
        honeycomb.init_app(app, settings.otel_exporter_otlp_endpoint, settings.otel_service_name)
    if settings.aws_xray_daemon_address:
        xray.init_app(app, settings.aws_xray_daemon_address, settings.otel_service_name)
    if settings.rollbar_access_token:
        rollbar.init_app(app, settings.rollbar_access_token, settings.cruddur_env, settings.rollbar_endpoint)
    switches = {
        "otlp": settings.otel_exporter_otlp_endpoint,
        "xray": settings.aws_xray_daemon_address,
        "rollbar": settings.rollbar_access_token,
        "cloudwatch": settings.cloudwatch_log_group,
    }
    logging.getLogger("cruddur").info(
        "observability: " + " ".join(f"{name}={'on' if on else 'off'}" for name, on in switches.items())
    )


def register_extensions(app: Flask):
    settings = app.config["SETTINGS"]
    db.init_app(app)
    ddb.init_app(app)
    cors.init_app(app)
    rate_limit.init_app(app)
    security_headers.init_app(app)
    if settings.avatar_storage == "local":
        app.extensions["avatars"] = LocalAvatars(settings.data_dir)
    else:
        app.extensions["avatars"] = S3Uploads(settings.avatars_upload_bucket, settings.aws_default_region)
    if settings.auth_provider == "local":
        signer = local_signer(settings)
        app.extensions["local_signer"] = signer
        cognito_jwt_token.init_app(app, local_jwks=signer.jwks)
    else:
        cognito_jwt_token.init_app(app)


def register_blueprints(app: Flask):
    settings = app.config["SETTINGS"]
    app.register_blueprint(general.bp)
    app.register_blueprint(users.bp)
    app.register_blueprint(activities.bp)
    app.register_blueprint(messages.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(stream_tickets.bp)
    app.register_blueprint(avatars.bp)
    app.register_blueprint(avatars.local_bp if settings.avatar_storage == "local" else avatars.s3_bp)
    if settings.auth_provider == "local":
        app.register_blueprint(auth.bp)
        if settings.is_development:
            app.register_blueprint(auth.dev_bp)
    else:
        app.register_blueprint(auth.cognito_bp)


def __getattr__(name: str):
    # `app` is built on first access (gunicorn's `app:app`), so that importing
    # create_app in tests or scripts does not build an app from the environment.
    if name == "app":
        globals()["app"] = create_app()
        return globals()["app"]
    raise AttributeError(name)
