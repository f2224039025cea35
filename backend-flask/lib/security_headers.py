"""Headers every API answer carries: JSON and images are never sniffed,
framed or given a referrer; HTTPS is pinned in production; and what is
answered to a signed-in caller, or carries tokens, is never stored by a
shared cache or the browser.

Behind a load balancer the client's address arrives in X-Forwarded-For; in
production without TRUSTED_PROXY_HOPS every client would look like the load
balancer and share one rate-limit window, so the first such request logs a
warning."""

import logging

from flask import g, request

log = logging.getLogger("cruddur")

FIXED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
HSTS = "max-age=63072000; includeSubDomains"


def _is_private(response) -> bool:
    return (
        "Authorization" in request.headers
        or g.get("user_uuid") is not None
        or request.path.startswith("/api/auth/")
        or "Set-Cookie" in response.headers
    )


def init_app(app):
    settings = app.config["SETTINGS"]
    production = settings.cruddur_env == "production"
    warn_forwarded = production and settings.trusted_proxy_hops == 0
    warned = []

    @app.after_request
    def _security_headers(response):
        response.headers.update(FIXED)
        if production:
            response.headers["Strict-Transport-Security"] = HSTS
        if _is_private(response):
            response.headers["Cache-Control"] = "private, no-store"
        if warn_forwarded and not warned and "X-Forwarded-For" in request.headers:
            warned.append(True)
            log.warning(
                "X-Forwarded-For arrives but TRUSTED_PROXY_HOPS is 0: every client has the proxy's address"
                " and shares its rate limits; set TRUSTED_PROXY_HOPS=1 behind one load balancer"
            )
        return response
