#!/bin/sh
# The build stage of infra/Dockerfile, as a script so that it can also be run outside Docker on a
# copy of the repository (machines without a container engine check it that way: infra/README.md).
# Leaves in the current directory exactly what the image ships: production dependencies, the
# compiled processes (<workspace>/dist, with their SQL migrations) and the web client's build.
set -eu
export NEXT_TELEMETRY_DISABLED=1
npm ci --no-audit --no-fund
npm run build
# Dev dependencies (TypeScript, tsx, esbuild, vitest, …) are not needed to run anything.
npm prune --omit=dev --no-audit --no-fund
# Neither are the sources the bundles were made from, tests, nor the build caches.
rm -rf packages/*/src packages/*/test services/*/src services/*/test apps/gateway/src apps/gateway/test \
  tools/*/src tools/*/test tests bench apps/web/test apps/web/.next/cache
