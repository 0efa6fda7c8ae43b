#!/usr/bin/env bash
# npm test: the type-check and the import rules beside the unit tests. tsc is single-threaded, and so is most of
# the unit tests' one process, so on two cores this takes about as long as the longer of the two, not their sum.
set -uo pipefail
cd "$(dirname "$0")/.." || exit

checks_log=$(mktemp)
trap 'rm -f "$checks_log"' EXIT
(
  npm run --silent typecheck || exit 1
  npm run --silent lint:imports || exit 2
) >"$checks_log" 2>&1 &
checks_pid=$!

npm run --silent test:unit
unit=$?

wait "$checks_pid"
checks=$?
case $checks in
  0) echo "typecheck (tsc --noEmit, strict): no errors; import rules (dependency-cruiser): no violations" ;;
  1) echo "typecheck (tsc --noEmit, strict) failed:" >&2 ;;
  *) echo "import rules (dependency-cruiser, .dependency-cruiser.cjs) failed:" >&2 ;;
esac
((checks == 0)) || cat "$checks_log" >&2
if ((unit != 0)); then exit "$unit"; fi
exit "$checks"
