#!/usr/bin/env bash
# `npm run build` (and `npm ci` through `prepare`): the compile of src/ to dist/ without checking, then one
# type check of everything (src, tests, scripts, bench), the web app's check and its bundle.
# dist/.built records each phase's seconds; scripts/test.sh reads it to skip a build that is still fresh
# and to show in its timing summary what the build cost.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=node_modules/.bin
timings=()
phase() {
  local name=$1 start
  shift
  start=$EPOCHREALTIME
  "$@"
  timings+=("$(awk -v n="$name" -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%s\t%.1f", n, b - a }')")
}
rm -f dist/.built
# The compile comes first: test/library.test.ts imports the package by its name, whose types are dist's.
phase 'build: compile src to dist (tsc --noCheck)' "$bin/tsc" -p tsconfig.build.json --noCheck
# DuckDB's Node API as one CommonJS file beside the module that loads it (src/store/duckdb/api.ts): start-up.
phase 'build: bundle DuckDB node-api (rolldown)' "$bin/rolldown" node_modules/@duckdb/node-api/lib/index.js \
  --format cjs --platform node --external @duckdb/node-bindings --log-level warn --file dist/store/duckdb/node-api.cjs
phase 'build: type check (tsc, src + tests + scripts + bench)' "$bin/tsc" --noEmit -p tsconfig.json
phase 'build: type check web (tsc)' "$bin/tsc" --noEmit -p web/tsconfig.json
phase 'build: bundle web (vite)' "$bin/vite" build --config web/vite.config.ts --logLevel warn
printf '%s\n' "${timings[@]}" >dist/.built
