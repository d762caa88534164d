#!/usr/bin/env bash
# Writes .tmp/js (or the folder given): the repository as the tests see it, with every TypeScript file of
# src/, test/, scripts/ and bench/ compiled once to JavaScript beside a link to its source, and links to
# everything else (dist/, bin/, docs/, fixtures, node_modules, .tmp). `node --test` then runs each test file
# as plain JavaScript: under `--import tsx` every test process started the loader and sent each of its
# hundreds of imports through it (about 0.6 s of CPU a file). The compile does not type-check: the build
# did (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-.tmp/js}
rm -rf "$out"
mkdir -p "$out"
node_modules/.bin/tsc -p tsconfig.json --noEmit false --noCheck --outDir "$out" --rootDir .
# Links, not copies: a test that reads a source, a doc or a fixture by its path beside itself finds it.
cp -rs "$root/src" "$root/test" "$root/scripts" "$root/bench" "$out/"
for entry in "$root"/* "$root"/.[!.]*; do
  name=${entry##*/}
  case $name in .git | .tmp | src | test | scripts | bench) continue ;; esac
  ln -s "$entry" "$out/$name"
done
# Caches (the demo databases) and screenshots land in the repository's own .tmp.
ln -s "$root/.tmp" "$out/.tmp"
