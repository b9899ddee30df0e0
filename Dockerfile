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
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run", "--config", "config.yaml"]
