"""Logs and metrics: structured, redacted log lines with request and ticket ids; Prometheus metrics."""
