#!/usr/bin/env bash
# The whole test suite: set-up, build (which type-checks everything), lint, unit tests beside the code,
# integration tests in test/. Runs from a fresh clone (`npm ci && npm test`); needs nothing done by hand.
# Ends with each phase's seconds and the slowest test files, so a CI log shows where the time went.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
export TZ=UTC
mkdir -p .tmp
timings=()
# Each phase's seconds, and the load average (1 min) as it ended: figures from a busy machine read differently.
record() {
  timings+=("$(awk -v n="$1" -v a="$2" -v b="$EPOCHREALTIME" -v l="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)" \
    'BEGIN { printf "%s%s\t%.1f", n, (l == "" ? "" : " [load " l "]"), b - a }')")
}
began=$EPOCHREALTIME

# The web app's end-to-end tests drive Debian's Chromium (no browser download); install it when missing.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  start=$EPOCHREALTIME
  { apt-get install -y -qq chromium || { apt-get update -qq && apt-get install -y -qq chromium; }; } >/dev/null
  record 'set-up: chromium' "$start"
fi

# Build once: `npm ci` builds through `prepare` (scripts/build.sh, which writes dist/.built with its own
# phases' seconds); build again only when a source, test or setting is newer than that build.
built=earlier
if [ ! -d node_modules ]; then
  start=$EPOCHREALTIME
  npm ci
  record 'npm ci, its build included' "$start"
  built='in npm ci'
elif [ ! -f dist/.built ] ||
  [ -n "$(find src web test scripts bench package.json tsconfig.json tsconfig.build.json -newer dist/.built -print -quit)" ]; then
  npm run --silent build
  built=''
fi
while IFS=$'\t' read -r name seconds; do
  timings+=("$name${built:+ ($built)}"$'\t'"$seconds")
done <dist/.built

start=$EPOCHREALTIME
npx biome check .
record 'lint (biome)' "$start"

# The tests run as JavaScript compiled once (scripts/test-tree.sh), not through tsx in every test process.
start=$EPOCHREALTIME
bash scripts/test-tree.sh
record 'compile tests to .tmp/js (tsc --noCheck)' "$start"

# One throwaway PostgreSQL server for the tests (scripts/pg-cluster.ts, compiled above): each test takes a fresh
# database on it (test/helpers/postgres.ts testServer) instead of every test file initialising and starting a
# cluster of its own. Tests that halt, restart or shard a server still start their own. Stopped and removed
# however this script ends (a failure, Ctrl-C); if it cannot start, each file starts its own as before.
# Its folder is made inside pg_root, so that the trap finds it even when a signal comes while it starts.
pg_root=''
pg_start=''
stop_pg() {
  [ -n "$pg_root" ] || return 0
  # A start still running finishes first; then whatever it started is stopped.
  if [ -n "$pg_start" ]; then wait "$pg_start" 2>/dev/null || true; fi
  for d in "$pg_root"/clientele-pg-*; do node .tmp/js/scripts/pg-cluster.js stop "$d" || true; done
  rm -rf "$pg_root"
  pg_root=''
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start=$EPOCHREALTIME
pg_root=$(mktemp -d "${TMPDIR:-/tmp}/clientele-pgrun-XXXXXX")
chmod 755 "$pg_root" # the cluster's own folder inside belongs to the `postgres` user
TMPDIR=$pg_root node .tmp/js/scripts/pg-cluster.js start >"$pg_root/server" &
pg_start=$!
if wait "$pg_start"; then
  pg_start=''
  IFS=$'\t' read -r _ CLIENTELE_TEST_PG_URL <"$pg_root/server"
  export CLIENTELE_TEST_PG_URL
else
  pg_start=''
  echo 'scripts/pg-cluster.js could not start PostgreSQL: each test file starts its own' >&2
fi
record 'set-up: PostgreSQL for the tests' "$start"

# The tests that honour CLIENTELE_TEST_ENGINE, again on PostgreSQL (docs/scale.md); the rest of the suite
# runs on DuckDB only so far.
pg_files=(test/engines.test.ts src/ingest/import.test.ts src/ingest/exports.test.ts src/events/writer.test.ts src/identity/resolve.test.ts)
# Journeys, campaigns, experiments, placements, destinations and audiences, alerts, the outbox (pgact).
pg_files+=(src/store/dialect-act.test.ts)
pg_files+=(src/outbox/outbox.test.ts)
pg_files+=(src/errors/engine.test.ts)
pg_files+=(src/experiments/experiments.test.ts)
pg_files+=(src/campaigns/campaigns.test.ts)
pg_files+=(src/journeys/journeys.test.ts)
pg_files+=(src/placements/decide.test.ts)
pg_files+=(src/server/routes/act-create.test.ts)
pg_files+=(src/server/routes/journeys.test.ts)
pg_files+=(test/activation-audiences.test.ts)
pg_files+=(test/activation-loop.test.ts)
pg_files+=(test/journeys-update-cli.test.ts)
# These erase a person and pass on PostgreSQL with privacy's forget ported (pgpeople); alerts was checked so:
pg_files+=(src/alerts/alerts.test.ts)
# Reading one profile (fastprofile).
pg_files+=(src/server/routes/profiles.test.ts)
# The journeys loop and the decision index, both of which erase a person on the way.
pg_files+=(test/journeys-loop.test.ts)
pg_files+=(test/decide-index.test.ts)
# Mining, modeling, clustering, resonance and voice (pgmodels).
pg_files+=(src/modeling/modeling.test.ts)
pg_files+=(src/modeling/demo.test.ts)
pg_files+=(src/mining/mining.test.ts)
pg_files+=(src/mining/anomalies.test.ts)
pg_files+=(src/mining/demo.test.ts)
pg_files+=(src/mining/profiles.test.ts)
pg_files+=(test/mining-cli.test.ts)
pg_files+=(test/mining-segments.test.ts)
pg_files+=(src/server/routes/mining.test.ts)
pg_files+=(src/clustering/run.test.ts)
pg_files+=(test/model.test.ts)
pg_files+=(src/server/routes/models.test.ts)
pg_files+=(src/resonance/resonance.test.ts)
pg_files+=(src/server/routes/voice.test.ts)
pg_files+=(test/voice.test.ts)
pg_files+=(test/cluster.test.ts)
# Privacy, segments, security, housekeeping, the overview and the server's core routes (pgpeople).
pg_files+=(src/privacy/privacy.test.ts)
pg_files+=(src/security/security.test.ts)
pg_files+=(src/segments/store.test.ts)
pg_files+=(src/overview/service.test.ts)
pg_files+=(src/server/routes/segments.test.ts)
pg_files+=(src/server/routes/segment-values.test.ts)
pg_files+=(src/server/routes/overview.test.ts)
pg_files+=(src/server/routes/imports.test.ts)
pg_files+=(src/server/hostile-events.test.ts)
pg_files+=(src/server/tracking.test.ts)
pg_files+=(test/audit.test.ts)
pg_files+=(test/consent-models.test.ts)
pg_files+=(test/segments-cli.test.ts)
pg_files+=(test/serve-refresh.test.ts)
pg_files+=(test/event-profiles.test.ts)
pg_files+=(test/security-cli.test.ts)
pg_files+=(test/cli.test.ts)
# Erasure, dedupe, current profiles and config, which read one profile (ported by fastprofile).
pg_files+=(test/forget.test.ts)
pg_files+=(test/dedupe.test.ts)
pg_files+=(test/current.test.ts)
pg_files+=(test/config-cli.test.ts)
# Personas, segment portraits (segment show, compare), the report and the map (pgportraits).
pg_files+=(src/store/dialect.test.ts)
pg_files+=(src/portraits/portraits.test.ts)
pg_files+=(src/portraits/many.test.ts)
pg_files+=(src/portraits/personas/generate.test.ts)
pg_files+=(src/reports/cache.test.ts)
pg_files+=(test/personas.test.ts)
pg_files+=(test/personas-background.test.ts)
pg_files+=(test/report.test.ts)
pg_files+=(test/map.test.ts)
pg_files+=(test/one-truth.test.ts)
# The web app's end-to-end tests in Chromium over a server on PostgreSQL (pgweb).
pg_files+=(test/web/act.test.ts)
pg_files+=(test/web/journey-builder.test.ts)
pg_files+=(test/web/decide-script.test.ts)
pg_files+=(test/web/demo.test.ts)
pg_files+=(test/web/app.test.ts)
# Every screen at both widths in both languages, portraits and personas included; personas while computed (pgweb2).
pg_files+=(test/web/screens.test.ts)
pg_files+=(test/web/personas-computing.test.ts)
# Voice's social events, e-mail engagement, the route × role matrix (pgrest).
pg_files+=(test/social-events.test.ts)
pg_files+=(test/engagement.test.ts)
pg_files+=(src/server/access.test.ts)
pg_files+=(test/scan-calibration.test.ts)
pg_files+=(test/act-loop.test.ts)
pg_files+=(test/drift.test.ts)
# Already on the engine under test through withApi, and passing on PostgreSQL (pgrest).
pg_files+=(test/i18n-api.test.ts)
pg_files+=(src/server/clients.test.ts)
pg_files+=(src/server/hostile-requests.test.ts)
pg_files+=(test/fuzz.test.ts)
# Took a DuckDB file before; now the engine under test (pgrest).
pg_files+=(src/identity/keys.test.ts)
pg_files+=(src/profiles/country.test.ts)
pg_files+=(src/profiles/refresh.test.ts)
pg_files+=(src/modeling/customer-key.test.ts)
pg_files+=(src/semantics/compile.test.ts)
pg_files+=(test/i18n-cli.test.ts)
pg_files+=(test/library.test.ts)
pg_files+=(test/real-exports.test.ts)
# Took a DuckDB file or ran on DuckDB only before; now the engine under test (pgrest2). The closed-connection
# case of freeze.test.ts hung on PostgreSQL until a scope's connection waited for its statement to end.
pg_files+=(src/server/freeze.test.ts)
pg_files+=(src/events/normalize.test.ts)
pg_files+=(src/modeling/modeling.fixture.test.ts)
pg_files+=(test/user-names.test.ts)
pg_files+=(test/users-language.test.ts)
pg_files+=(test/i18n-cli-commands.test.ts)
pg_files+=(src/segments/budget.test.ts)
pg_files+=(src/domain/aliases.test.ts)
pg_files+=(src/store/migrate.test.ts)
pg_files+=(src/privacy/fields.test.ts)
# Keys the CLI makes while a server runs: on PostgreSQL the CLI writes them itself, and the server reads them.
pg_files+=(test/serve.test.ts)
# Random segment trees against the in-memory evaluator, in the engine under test.
pg_files+=(src/segments/compile.test.ts)
# A server stopped under a heavy request: the resolution and profile index build the requests wait for are
# shared work that the stop cancels (src/store/scope.ts sharedWork), so it ends in seconds there too.
pg_files+=(test/serve-stop.test.ts)
# The demo in Polish, into the engine under test.
pg_files+=(test/i18n-cli-demo.test.ts)
# Every route's real answer against its schema, on a demo business in the engine under test.
pg_files+=(test/openapi.test.ts)
# Not here (pgrest2): src/store/duckdb/*.test.ts test DuckDB's own warehouse (file lock, interrupts, appender);
# src/store/scope.test.ts interrupts DuckDB queries by name; test/secrets.test.ts and test/plaintext.test.ts read
# the bytes of the DuckDB file and its folder; test/cli-startup.test.ts counts modules `status` loads on a file;
# src/segments/schema.test.ts checks the profiles table's DuckDB type names.
# One queue of jobs, each a file on one engine, two at a time, the longest first by the seconds they took last
# time (scripts/test-run.ts): every file on DuckDB, and the files above again on PostgreSQL. Node's own runner
# sorts its files by path, so the longest (test/web/) started last, and the PostgreSQL pass waited for the
# DuckDB pass's last file: one core idled through both tails.
jobs=.tmp/test-jobs.tsv
: >"$jobs"
duck=0
for f in src/**/*.test.ts test/**/*.test.ts; do
  printf 'duckdb\t%s\n' "$f" >>"$jobs"
  duck=$((duck + 1))
done
for f in "${pg_files[@]}"; do printf 'postgres\t%s\n' "$f" >>"$jobs"; done
rm -rf .tmp/tap
start=$EPOCHREALTIME
set +e
node .tmp/js/scripts/test-run.js "$jobs" .tmp/tap
rc=$?
record "tests: $duck files on DuckDB, ${#pg_files[@]} on PostgreSQL, 2 at a time" "$start"
start=$EPOCHREALTIME
stop_pg
record 'stop PostgreSQL for the tests' "$start"
set -e
record 'total (this script)' "$began"

echo
echo '# Slowest test files (seconds of the file on one engine, its process start included; CPU seconds of its processes)'
if [ -f .tmp/test-seconds.tsv ]; then
  head -15 .tmp/test-seconds.tsv | awk -F'\t' '{printf "  %7.1f  CPU %7.1f  %-8s %s\n", $1, $2, $3, $4}'
  awk -F'\t' '{w[$3] += $1; c[$3] += $2} END {for (e in w) printf "  all files on %s: %.0f s, CPU %.0f s\n", e, w[e], c[e]}' .tmp/test-seconds.tsv
fi
echo '# Phases (seconds; "earlier": the build that npm ci or a previous run did, still fresh)'
for t in "${timings[@]}"; do printf '  %-62s %7s\n' "${t%%$'\t'*}" "${t##*$'\t'}"; done
# A plain closing line that any reader understands, counting both engines. It reads the spec reporter's
# summaries (one per job, on stdout, which is written synchronously: --test-force-exit can end a runner before
# its file reporters flush their last lines).
total() { cat .tmp/spec-duckdb.txt .tmp/spec-postgres.txt 2>/dev/null | grep -E "^ℹ $1 " | awk '{s += $3} END {print s + 0}'; }
echo "$(total pass) passed, $(total fail) failed, $(total skipped) skipped"
exit $rc
