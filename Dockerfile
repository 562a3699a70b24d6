# The grants ledger API. Build stage: `npm ci` and `npm run build` (tsc to dist/), then only the
# production dependencies are kept. Runtime stage: those and dist/, as the unprivileged `node`
# user, NODE_ENV=production. Node 24, the current LTS (CI runs the test suite on it: .ci/node24).
#
#   docker build -t grants-ledger .
#   docker run -p 4000:4000 -e EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false \
#     -e JWT_JWKS_URL=https://idp.example/.well-known/jwks.json grants-ledger

FROM node:24-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# patches/: fixes to dependencies applied by patch-package at install (see patches/README.md).
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY projections ./projections
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A young generation of 64 MiB: a request's result is short-lived garbage, and with the default
# (16 MiB) the collector ran several times per busy second, copying the pages still being built
# by concurrent requests (bench:api measures the server run this way).
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
