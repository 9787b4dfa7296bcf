# syntax=docker/dockerfile:1
# Gas readings service: build with the full toolchain, run on a slim image as a non-root user.
#   docker build -t gas-readings .
#   docker run -p 4000:4000 gas-readings        (embedded SQLite in /app/data)
# With MySQL, see docker-compose.yml.

# Node 24 LTS (Node 20 reached end of life in April 2026).
ARG NODE_IMAGE=node:24-bookworm-slim
# better-sqlite3 12 built against Node 24.19+ headers aborts when a Statement is collected
# (nodejs/node#65446, "Assertion failed: (env) != nullptr"); built from source against 24.18.1,
# it runs cleanly on any Node 24 (same ABI). Drop this once better-sqlite3 is 13 (Node-API).
ARG BUILD_NODE_IMAGE=node:24.18.1-bookworm-slim

# --- toolchain: bcrypt and better-sqlite3 build from source ---
FROM ${BUILD_NODE_IMAGE} AS toolchain
ENV npm_config_build_from_source=true
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Fixes to dependencies (patch-package, applied by npm's postinstall): patches/README.md.
COPY patches ./patches

# --- build: all dependencies, compile to dist/ ---
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
# Files tsc does not emit (demo registry CSVs, JSON, ...) are copied next to the compiled code,
# so paths built from __dirname find them in dist/ exactly as they do in server/src/.
RUN npm run build \
  && (cd server/src && find . -type f ! -name '*.ts' -exec cp --parents {} ../../dist/server/src/ \;) \
  && test -f dist/server/src/main.js

# --- production dependencies only (native modules compiled here, not in the runtime) ---
FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY --from=build /app/dist ./dist
# The subscriber app and the GraphQL explorer, where the compiled server looks for them.
COPY --from=build /app/client/dist ./client/dist
COPY --from=build /app/client/explorer/dist ./client/explorer/dist
# The code is read-only for the app; only data/ (embedded SQLite, generated secrets) is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Not `npm start`: its prestart would rebuild, and npm would stand between node and signals.
CMD ["node", "--max-semi-space-size=16", "--heap-growing-percent=50", "dist/server/src/main.js"]
