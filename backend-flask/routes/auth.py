"""The local identity provider's routes (AUTH_PROVIDER=local): /api/auth/*
and the JWKS its tokens are verified against."""

from flask import Blueprint, Response, current_app, jsonify, request

from lib.rate_limit import limit_auth
from services.auth.confirm_sign_up import confirm_sign_up
from services.auth.dev_outbox import dev_outbox
from services.auth.reset_password import forgot_password, reset_password
from services.auth.sign_in import Session, refresh_session, sign_in, sign_out
from services.auth.sign_up import resend_code, sign_up

bp = Blueprint("auth", __name__)

REFRESH_COOKIE = "cruddur_refresh"
REFRESH_COOKIE_PATH = "/api/auth"


def signer():
    return current_app.extensions["local_signer"]


def keep_in_outbox() -> bool:
    return current_app.config["SETTINGS"].is_development


def session_response(session: Session):
    response = jsonify(session.body())
    if session.refresh_token:
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
    return jsonify(sign_up(request.get_json(silent=True), keep_in_outbox())), 201


@bp.post("/api/auth/confirm")
@limit_auth
def post_confirm():
    return jsonify(confirm_sign_up(request.get_json(silent=True)))


@bp.post("/api/auth/resend-code")
@limit_auth
def post_resend_code():
    return jsonify(resend_code(request.get_json(silent=True), keep_in_outbox()))


@bp.post("/api/auth/signin")
@limit_auth
def post_signin():
    return session_response(sign_in(request.get_json(silent=True), signer()))


@bp.post("/api/auth/refresh")
def post_refresh():
    return session_response(refresh_session(request.cookies.get(REFRESH_COOKIE), signer()))


@bp.post("/api/auth/signout")
def post_signout():
    sign_out(request.cookies.get(REFRESH_COOKIE))
    response = Response(status=204)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, samesite="Strict")
    return response


@bp.post("/api/auth/forgot-password")
@limit_auth
def post_forgot_password():
    return jsonify(forgot_password(request.get_json(silent=True), keep_in_outbox()))


@bp.post("/api/auth/reset-password")
@limit_auth
def post_reset_password():
    return jsonify(reset_password(request.get_json(silent=True)))


dev_bp = Blueprint("auth_dev", __name__)


@dev_bp.get("/api/auth/dev/outbox")
def get_dev_outbox():
    return Response(dev_outbox(request.args.to_dict()), mimetype="application/json")
