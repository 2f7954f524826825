# syntax=docker/dockerfile:1
# Multi-stage build for Atrium (NestJS on Fastify, Node 24 LTS).
#   docker build --target runtime -t atrium .     production image (default: last stage)
#   docker build --target test -t atrium-test .   image that runs the whole suite

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: every dependency (dev included), with a native-build fallback toolchain ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# bcrypt ships prebuilt binaries; the toolchain only matters when no prebuild matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .nvmrc ./
COPY scripts/install-deps.sh scripts/
# The same script as scripts/up.sh and scripts/test.sh (npm ci, stamped with the lock file).
RUN bash scripts/install-deps.sh

# ---- build: dist/main.js, dist/worker.js, dist/migrations/*.js ----
FROM deps AS build
COPY . .
RUN npm run build

# ---- test: `docker compose run --rm test` (needs MySQL/MariaDB and Redis, see compose) ----
# Runs scripts/test.sh, the README's test command and what CI runs, so the two ways agree.
FROM build AS test
# chromium: the browser e2e test of the sandbox checkout page (scripts/ensure-chromium.sh).
# Some tests start a throwaway redis-server child process on a free port; scripts/ensure-services.sh
# checks the database login with the mariadb client.
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server mariadb-client chromium \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=test
CMD ["bash", "scripts/test.sh"]

# ---- prod-deps: runtime dependencies only ----
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime: no toolchain, no dev dependencies, non-root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# Writable scratch dir for the file notification transport (OUTBOX_DIR=./var/outbox).
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
