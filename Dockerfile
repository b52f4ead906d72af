# Circlespace, one server process per container (docs/DEPLOY.md). The web client is built, and the
# server and shared package are compiled to JavaScript (Node's type stripper would stay in memory).

FROM node:24-bookworm-slim AS base
RUN npm install --global --no-audit --no-fund pnpm@12.4.2
WORKDIR /app
# The manifests alone first, so that dependencies are only installed again when they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY client/package.json client/
COPY server/package.json server/
COPY shared/package.json shared/
COPY e2e/package.json e2e/

FROM base AS build
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json ./
COPY scripts scripts
COPY shared shared
COPY server server
COPY client client
RUN pnpm --filter @circlespace/client build && node scripts/buildServer.js

FROM base AS runtime
ENV NODE_ENV=production
# The server's production dependencies and the shared package's, nothing of the client or e2e.
# The workspace stays in its layout: @circlespace/shared is a link to /app/shared as pnpm makes
# it, and the `circlespace-built` condition picks its compiled files.
RUN pnpm install --frozen-lockfile --prod --filter "@circlespace/server..." \
	&& pnpm store prune \
	&& rm -rf /root/.cache /root/.npm
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
RUN mkdir -p /data && chown node:node /data
USER node
ENV HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
EXPOSE 3000
VOLUME ["/data"]
# Liveness only: /healthz answers 200 while Redis is down too (status "degraded"), because the
# process still serves its own connections; alert on its "redis" field or on /metrics instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) flushes every board and closes live connections with 1012.
CMD ["node", "--conditions=circlespace-built", "server/dist/main.js"]
