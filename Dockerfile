# syntax=docker/dockerfile:1
# Capgate service image: built TypeScript plus production dependencies on node:20-slim, run as a
# non-root user. No Go toolchain (the embedded engine is for development): MONGODB_URI is required.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off, as in development (package.json `allowScripts` approves none).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The web console (React + Vite), bundled into dist/console-app by the same build.
COPY console ./console
RUN npm run build

FROM node:20-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    CAPGATE_DATA_DIR=/app/.data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The engine's sources mark the project root; without Go, starting with no MONGODB_URI explains itself.
COPY tools/ferretdb/go.mod tools/ferretdb/go.sum tools/ferretdb/main.go ./tools/ferretdb/
COPY tools/ferretdb/patches ./tools/ferretdb/patches
# Writable by the service: its data dir and the word-vector cache next to node_modules.
RUN mkdir -p .data node_modules/.cache/capgate \
 && chown -R node:node .data node_modules/.cache
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
