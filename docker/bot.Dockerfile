# Rasa 3.6.21 (Python 3.10) with the project's own NLU component and the trained model.
# Build the model first (`make model`), then copy it in: docker build --build-arg MODEL=...
FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    RASA_TELEMETRY_ENABLED=false PYTHONPATH=/app
WORKDIR /app
COPY bot/requirements.txt bot/requirements.txt
RUN pip install 'setuptools<71' wheel && pip install -r bot/requirements.txt 'psycopg2-binary<2.10' \
    && useradd --system --uid 10001 rasa
COPY bot ./bot
ARG MODEL=bot/models/model.tar.gz
COPY ${MODEL} /app/model.tar.gz
USER rasa
WORKDIR /app/bot
EXPOSE 5005
# No --enable-api and no --debug: Rasa is reachable only by the api, on the internal network.
CMD ["python", "-m", "rasa", "run", "--model", "/app/model.tar.gz", "--endpoints", "endpoints.scaled.yml", "--credentials", "credentials.yml", "--port", "5005"]
