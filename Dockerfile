FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY rules ./rules
RUN pip install . && useradd --create-home --uid 10001 tickerwatch && mkdir -p /app/data \
    && chown tickerwatch /app/data
COPY config.yaml ./

USER tickerwatch
# With REDIS_URL unset the bot starts its own redis-server with data in /app/data.
VOLUME ["/app/data"]
# config.yaml reads http.listen from HTTP_LISTEN: /metrics and /healthz on port 9464, reachable
# from other containers (Prometheus) but published on the host only if you ask for it.
ENV HTTP_LISTEN=0.0.0.0:9464
EXPOSE 9464
# Asks /healthz (Redis answers, the scheduler runs, the outbox moves): any answer but 200, or
# none within the timeout, counts as a failed check. A config of your own without http.listen
# on port 9464 has nothing to answer: set it, or run with --no-healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run", "--config", "config.yaml"]
