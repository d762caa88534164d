#!/usr/bin/env bash
# The whole test suite: set-up, build, lint, type check, unit tests beside the code, integration tests in test/.
# Runs from a fresh clone (`npm ci && npm test`); needs nothing done by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
# The web app's end-to-end tests drive Debian's Chromium (no browser download); install it when missing.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  { apt-get install -y -qq chromium || { apt-get update -qq && apt-get install -y -qq chromium; }; } >/dev/null
fi
export TZ=UTC
# Build once: `npm ci` builds through `prepare`; otherwise build only when a source is newer than the last
# build (dist/.built), so a second run right after the first, or after `npm ci`, compiles nothing again.
if [ ! -d node_modules ]; then
  npm ci
  touch dist/.built
elif [ ! -f dist/.built ] || [ -n "$(find src web package.json tsconfig.json tsconfig.build.json -newer dist/.built -print -quit)" ]; then
  npm run --silent build
  touch dist/.built
fi
npx biome check .
# The build type-checks src/ only (tests are not compiled to dist/); this checks the tests, bench and scripts.
npx tsc --noEmit -p tsconfig.json
files=(src/**/*.test.ts test/**/*.test.ts)
mkdir -p .tmp
set +e
node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=.tmp/tap.txt "${files[@]}"
rc=$?
# The tests that honour CLIENTELE_TEST_ENGINE, again on PostgreSQL (docs/scale.md); the rest of the suite
# runs on DuckDB only so far.
CLIENTELE_TEST_ENGINE=postgres node --import tsx --test test/engines.test.ts || rc=1
set -e
# A plain closing line that any reader understands, taken from the runner's own TAP summary.
pass=$(grep -E '^# pass ' .tmp/tap.txt | tail -1 | awk '{print $3}')
fail=$(grep -E '^# fail ' .tmp/tap.txt | tail -1 | awk '{print $3}')
skip=$(grep -E '^# skipped ' .tmp/tap.txt | tail -1 | awk '{print $3}')
echo "${pass:-0} passed, ${fail:-0} failed, ${skip:-0} skipped"
exit $rc
