# balai in a container: one image for the web (`balai serve`), the workers (`balai worker`)
# and one-off commands (`balai migrate`, `balai backup`); target `nginx` is the proxy with
# the collected static files baked in. docker-compose.yml puts them together.
#   docker build -t balai .            docker build --target nginx -t balai-nginx .
FROM python:3.11-slim-bookworm AS app

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# pg_dump / pg_restore for `balai backup` and `balai restore` on PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/balai --shell /usr/sbin/nologin balai

WORKDIR /opt/balai/src
COPY pyproject.toml README.md ./
COPY balai ./balai
RUN pip install . && rm -rf /opt/balai/src/build

# Static files collected at build time, with hashed names, served by nginx (target below)
# and by whitenoise in the web container itself.
ENV STATIC_ROOT=/opt/balai/static \
    STATIC_MANIFEST=1 \
    BALAI_VAR_DIR=/var/lib/balai
RUN balai collectstatic --noinput \
    && mkdir -p /var/lib/balai && chown balai:balai /var/lib/balai

# var/ is this container's own scratch space (caches, the demo CA when no certificate is
# configured): files that matter live in PostgreSQL and the S3 bucket, never on a disk
# two containers share.
USER balai
WORKDIR /var/lib/balai
EXPOSE 8000
CMD ["balai", "serve", "--bind", "0.0.0.0:8000"]


FROM nginx:1.27-alpine AS nginx
RUN rm /etc/nginx/conf.d/default.conf
COPY --from=app /opt/balai/static /var/lib/balai/static
COPY deploy/docker/upstream.conf /etc/nginx/balai/upstream.conf
COPY deploy/nginx/balai.conf /etc/nginx/conf.d/balai.conf
