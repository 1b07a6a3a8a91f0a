# StoryBot. The first stage, on Node 20 slim, installs everything, compiles better-sqlite3
# and the TypeScript, then drops the development dependencies; the last takes only what
# runs, on the Debian slim image node:20-slim is built on, with node alone from the first
# stage (no npm, no yarn, no C headers: about 70 MB nothing runs), and runs it as the
# unprivileged `node` user.
#
#   docker build -t storybot .
#   docker run --init --env-file .env -v "$PWD/knowledge:/app/knowledge:ro" \
#     -v "$PWD/knowledge/entries/drafts:/app/knowledge/entries/drafts" -v storybot-data:/app/data storybot
#
# `npm run check:docker` (run by CI) builds and runs it on a Docker engine of its own, or
# replays these steps without Docker where no engine can be started.

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module from source when no prebuilt binary is at hand.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
# Pruning keeps the compiled better-sqlite3 binary; what follows drops what nothing loads at
# run time, about 45 MB: better-sqlite3's sources and object files (only its .node binary
# and lib/ are loaded), and type declarations, source maps, Markdown and the packages' own
# test files across node_modules.
# TypeScript is a dependency only so that `npm ci --omit=dev` on a VM can compile dist/ at
# prepare; the image runs the dist/ compiled above, so it is dropped too (about 23 MB).
# data/ is made here so that the last stage can hand it to `node` (a volume takes the owner
# of the folder it is mounted on).
RUN npm run build \
    && npm prune --omit=dev \
    && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
    && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
        node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
        node_modules/better-sqlite3/build/Release/test_extension.node \
    && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' -o -name '*.md' \
        -o -name '*.test.*js' -o -name '*.spec.*js' \) -delete \
    && mkdir -p data

# node:20-slim is bookworm-slim plus Node; this is the same Debian release, so node finds
# the same libraries. Its user database is node:20-slim's, which adds `node` (uid 1000) to
# Debian's, so that user exists here without a RUN.
FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/node /usr/local/bin/node
COPY --from=build /etc/passwd /etc/group /etc/
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build --chown=node:node /app/data ./data
# The knowledge base the image was built with; mount your own over it to edit and /reload.
# Its drafts folder, where `gaps --yaml` stages drafts, is the one part `node` may write.
COPY knowledge ./knowledge
COPY --chown=node:node knowledge/entries/drafts ./knowledge/entries/drafts
USER node
VOLUME ["/app/knowledge", "/app/data"]
# 9091: /healthz, /readyz, /metrics (set OPS_HOST=0.0.0.0 to reach them from outside the
# container). 3000: Slack's HTTP mode. 3001: Discord's HTTP interactions.
EXPOSE 9091 3000 3001
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/src/cli/healthcheck.js"]
CMD ["node", "dist/src/index.js"]
