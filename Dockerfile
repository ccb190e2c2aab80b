# Learning Loop: the compiled app (`npm run build`, `node dist/app/main.js`) on Node 20, production dependencies
# only, as the unprivileged `node` user. Three stages: production dependencies; the build (with dev
# dependencies, for tsc); and the runtime, which takes node_modules from the first and dist/ from the second.
#
#   docker build -t learning-loop .
#   docker run -p 3978:3978 --env-file .env learning-loop     # DATABASE_URL, MIGRATION_DATABASE_URL, …
#
# The image runs migrations at start (as MIGRATION_DATABASE_URL, or DATABASE_URL) and skips them when the
# database already has every one. DATA_DIR (/data) holds the audit checkpoints, and the embedded PostgreSQL
# only if ALLOW_EMBEDDED_DB_IN_PRODUCTION=true: mount a volume there.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# `npm ci` runs `prisma generate` (postinstall), which reads the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY app ./app
COPY bot ./bot
COPY cards ./cards
COPY lib ./lib
COPY services ./services
COPY web ./web
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
# Read-only for the app: code, dependencies (with the generated Prisma client), the migrations the Prisma CLI
# applies at start (prisma/, prisma.config.ts), and package.json, which marks the root they are found from.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:' + \
  process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node is PID 1: it handles SIGTERM itself (app/main.ts stops the server, the jobs and the database cleanly).
CMD ["node", "dist/app/main.js"]
