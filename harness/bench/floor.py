"""The floor bin/bench compares the API with: Flask answering every path and
method with a small constant JSON document, nothing else, under the same
gunicorn settings. It sends back X-Request-Id as the API does, which the
crowd's wrk script counts its answers by."""

from flask import Flask, jsonify, request

app = Flask(__name__)
METHODS = ["GET", "POST", "DELETE"]


@app.route("/", defaults={"path": ""}, methods=METHODS)
@app.route("/<path:path>", methods=METHODS)
def constant(path):
    response = jsonify({"status": "ok", "items": []})
    response.headers["X-Request-Id"] = request.headers.get("X-Request-Id", "floor")
    return response
