"""Whether the API's backing stores answer."""

from lib.db import db
from lib.ddb import ddb


def health_check() -> dict:
    stores = {"postgres": db.ping(), "dynamodb": ddb.ping()}
    return {name: "up" if up else "down" for name, up in stores.items()}
