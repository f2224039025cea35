"""gunicorn settings, shared by ./bin/dev, the containers and the benchmark."""

import multiprocessing
import os

# All interfaces by default: in a container the load balancer reaches the API from outside.
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '4567')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5
# Request logs come from the app itself; gunicorn logs only its own events.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
