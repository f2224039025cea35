"""The local identity provider's routes (AUTH_PROVIDER=local): /api/auth/*
and the JWKS its tokens are verified against."""

import ipaddress

from flask import Blueprint, Response, current_app, jsonify, request

from lib.errors import NotFound
from lib.rate_limit import client_key, limit_auth
from routes.guards import auth_required, signed_in_sub
from services.auth.confirm_sign_up import confirm_sign_up
from services.auth.dev_outbox import dev_outbox
from services.auth.reset_password import forgot_password, reset_password
from services.auth.sign_in import Session, refresh_session, sign_in, sign_out
from services.auth.sign_up import resend_code, sign_up
from services.sessions import end_sessions

bp = Blueprint("auth", __name__)

REFRESH_COOKIE = "cruddur_refresh"
REFRESH_COOKIE_PATH = "/api/auth"


def signer():
    return current_app.extensions["local_signer"]


def env() -> str:
    return current_app.config["SETTINGS"].cruddur_env


def session_response(session: Session):
    response = jsonify(session.body())
    response.set_cookie(
        REFRESH_COOKIE,
        session.refresh_token,
        max_age=30 * 24 * 3600,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=current_app.config["SETTINGS"].backend_url.startswith("https://"),
    )
    return response


@bp.get("/.well-known/jwks.json")
def jwks():
    response = jsonify(signer().jwks())
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.post("/api/auth/signup")
@limit_auth
def post_signup():
    return jsonify(sign_up(request.get_json(silent=True), env())), 201


@bp.post("/api/auth/confirm")
@limit_auth
def post_confirm():
    return jsonify(confirm_sign_up(request.get_json(silent=True)))


@bp.post("/api/auth/resend-code")
@limit_auth
def post_resend_code():
    return jsonify(resend_code(request.get_json(silent=True), env()))


@bp.post("/api/auth/signin")
@limit_auth
def post_signin():
    return session_response(sign_in(request.get_json(silent=True), signer(), client_key()))


@bp.post("/api/auth/refresh")
@limit_auth
def post_refresh():
    return session_response(refresh_session(request.cookies.get(REFRESH_COOKIE), signer()))


@bp.post("/api/auth/signout")
def post_signout():
    everywhere = request.args.get("everywhere") == "true"
    sign_out(request.cookies.get(REFRESH_COOKIE), signed_in_sub(), everywhere)
    response = Response(status=204)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, samesite="Strict")
    return response


@bp.post("/api/auth/forgot-password")
@limit_auth
def post_forgot_password():
    return jsonify(forgot_password(request.get_json(silent=True), env()))


@bp.post("/api/auth/reset-password")
@limit_auth
def post_reset_password():
    return jsonify(reset_password(request.get_json(silent=True)))


# With Cognito, signing out of the pool does not reach tokens the API verifies
# by itself: the web app tells it here, and every token issued until now ends.
cognito_bp = Blueprint("auth_cognito", __name__)


@cognito_bp.post("/api/auth/signout")
@auth_required
def post_cognito_signout(current_user):
    end_sessions(current_user.claims["sub"])
    return Response(status=204)


dev_bp = Blueprint("auth_dev", __name__)


@dev_bp.get("/api/auth/dev/outbox")
def get_dev_outbox():
    # The codes it shows are as good as a password: only for the developer's own machine.
    if not ipaddress.ip_address(request.remote_addr or "0.0.0.0").is_loopback:  # noqa: S104 (a fallback, not a bind)
        raise NotFound()
    return Response(dev_outbox(request.args.to_dict()), mimetype="application/json")
