# syntax=docker/dockerfile:1
# One image for every app process; the command picks the role (see docker-compose.yml):
#   node --import tsx runtime/api.ts      HTTP API + admin UI (default)
#   node --import tsx runtime/worker.ts   Temporal worker
#   node --import tsx runtime/migrate.ts  apply SQL migrations, then exit
# The image expects DATABASE_URL and TEMPORAL_ADDRESS: the embedded servers are for development.

# Both stages use the same Debian release: native modules (Temporal core, swc, Prisma's
# schema engine) are installed in the build stage and must match the runtime's glibc/OpenSSL.
ARG NODE_VERSION=20

# ---- build: dependencies, Prisma client, admin UI ---------------------------------------
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app

# Lockfiles first so the dependency layers are reused until a lockfile changes.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
WORKDIR /app/admin-ui
COPY admin-ui/package.json admin-ui/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

WORKDIR /app
COPY . .
RUN npx prisma generate
# The UI's toolchain is not needed at run time; only admin-ui/dist is served.
WORKDIR /app/admin-ui
RUN npm run build && rm -rf node_modules

# ---- runtime ----------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime

# openssl: Prisma's schema engine (prisma migrate deploy) needs libssl; the slim image lacks it.
# tini: PID 1 that forwards SIGTERM so the worker drains and the API closes cleanly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*

# CHECKPOINT_DISABLE: no Prisma telemetry call-home when `prisma migrate deploy` runs.
ENV NODE_ENV=production \
    CHECKPOINT_DISABLE=1 \
    PORT=3000 \
    DATA_DIR=/app/data \
    PATH=/app/node_modules/.bin:$PATH
WORKDIR /app

# Everything from the build stage: node_modules (dev dependencies included on purpose:
# sources run through tsx, `prisma migrate deploy` needs the prisma CLI, and the embedded
# Temporal support imports @temporalio/testing), generated/, admin-ui/dist and the sources.
# Owned by root, so the app cannot modify its own code.
COPY --from=build /app /app

# The only writable place: generated JWT secret, captured mail, tsx uses /tmp for its cache.
RUN mkdir -p /app/data && chown 1000:1000 /app/data
# uid 1000 is the base image's `node` user; numeric so runAsNonRoot checks can verify it.
USER 1000:1000

EXPOSE 3000
# Only meaningful for the API; docker-compose.yml disables it for the worker and migrate.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "runtime/api.ts"]
