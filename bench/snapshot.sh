#!/usr/bin/env bash
# Copies the working tree (tracked + untracked, not ignored; plus .git and node_modules) to DIR and builds it there;
# with --head, the last commit instead (plus this bench/ folder as it is), for when the working tree is mid-edit.
# Why: on a machine where others rebuild .next or edit server/ while a benchmark runs, the running server's
# manifests go stale mid-run (pages 404 their chunks). A private snapshot gives one consistent revision to measure.
# Usage: bash bench/snapshot.sh [--head] [DIR]   (default /tmp/berth-bench-tree); then, in DIR:
#        BERTH_HARNESS_DIR=<repo>/.harness npx tsx bench/run.ts all
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HEAD_ONLY=0
if [[ ${1:-} == --head ]]; then HEAD_ONLY=1; shift; fi
DIR=${1:-/tmp/berth-bench-tree}
case $DIR in /tmp/*) ;; *) echo "refusing to replace $DIR: use a directory under /tmp" >&2; exit 2 ;; esac
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$REPO"
if ((HEAD_ONLY)); then
  git archive HEAD | tar -x -C "$DIR"
  rm -rf "$DIR/bench"
  cp -a bench "$DIR/bench"
  rm -rf "$DIR/bench/out"
  echo "snapshot of $(git rev-parse --short HEAD) (committed tree) + the working bench/ in $DIR"
else
  git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$DIR"
  git diff HEAD >"$DIR/bench-snapshot.diff"
  echo "snapshot of $(git rev-parse --short HEAD) + $(git status --porcelain | wc -l) changed files in $DIR"
fi
cp -a .git node_modules "$DIR/"
cd "$DIR"
npx next build >"$DIR/bench-build.log" 2>&1 || { tail -30 "$DIR/bench-build.log" >&2; exit 1; }
echo "built in $DIR (log: $DIR/bench-build.log)"
