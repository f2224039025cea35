"""The floor bin/bench compares the API with: Flask returning a constant JSON
document, nothing else, under the same gunicorn settings."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def constant():
    return jsonify({"status": "ok", "items": []})
