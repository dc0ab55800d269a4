# The api: FastAPI on Python 3.11, no Rasa inside.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY config ./config
COPY content ./content
COPY locales ./locales
COPY data/nlu ./data/nlu
RUN pip install '.[postgres]' && useradd --system --uid 10001 assistant
USER assistant
EXPOSE 8000
CMD ["uvicorn", "--factory", "api.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--proxy-headers"]
