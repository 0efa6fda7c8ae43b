#!/usr/bin/env bash
# npm test: the type-check and the unit tests, side by side. tsc is single-threaded, and so is most of the unit
# tests' one process, so on two cores this takes about as long as the longer of the two, not their sum.
set -uo pipefail
cd "$(dirname "$0")/.." || exit

typecheck_log=$(mktemp)
trap 'rm -f "$typecheck_log"' EXIT
npm run --silent typecheck >"$typecheck_log" 2>&1 &
typecheck_pid=$!

npm run --silent test:unit
unit=$?

wait "$typecheck_pid"
typecheck=$?
if ((typecheck == 0)); then
  echo "typecheck (tsc --noEmit, strict): no errors"
else
  echo "typecheck (tsc --noEmit, strict) failed:" >&2
  cat "$typecheck_log" >&2
fi
if ((unit != 0)); then exit "$unit"; fi
exit "$typecheck"
