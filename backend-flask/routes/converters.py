"""URL converters the routes share."""

from werkzeug.routing import BaseConverter

from services.handles import HANDLE


class HandleConverter(BaseConverter):
    """`<handle:handle>`: a path part that can be a handle. Anything else
    (a NUL, a slash, a dot, too long) is no route at all: 404."""

    regex = HANDLE


def register_converters(app):
    app.url_map.converters["handle"] = HandleConverter
