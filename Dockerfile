# Chronicle's image: build the server into dist/ with the whole toolchain, then run only the built code
# as an unprivileged user. Docker is not available where Chronicle is developed; test/deploy.test.ts runs
# this file's commands directly and checks what the final stage contains (see docs/deploy.md).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source where its prebuilt binary cannot be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
# npm ci runs `prepare`, which bundles the server into dist/; then the tools only the build needed go.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund
# The bundle reads its data beside its sources (demo archive, gazetteer, static assets); the TypeScript stays behind.
RUN find src \( -name '*.ts' -o -name '*.tsx' -o -name fixtures \) -prune -exec rm -rf {} +

FROM node:20-bookworm-slim
# pg_dump and pg_restore for `chronicle backup` and `restore` against PostgreSQL 15.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
RUN mkdir -p /data/files && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/chronicle.js", "serve"]
