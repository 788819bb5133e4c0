"""The application: the CLI, the ASGI server and the one composition root that builds every service."""
