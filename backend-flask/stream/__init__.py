"""The live stream process: Server-Sent Events for signed-in people, fed by
the event bus (lib/event_bus). `python -m stream` serves it with uvicorn."""
