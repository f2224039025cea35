"""Routes that belong to no feature: the health check."""

from flask import Blueprint, jsonify

from lib.error_handlers import error_response
from services.health_check import health_check

bp = Blueprint("general", __name__)


@bp.get("/api/health-check")
def get_health_check():
    stores = health_check()
    down = [name for name, state in stores.items() if state == "down"]
    if down:
        return error_response(503, *(f"{name}_unavailable" for name in down), **stores)
    return jsonify({"status": "ok", **stores})
