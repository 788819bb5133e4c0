"""The ASGI server: webhooks of the enabled channels, health and readiness."""
