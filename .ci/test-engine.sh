#!/usr/bin/env bash
# The real-engine tier (`npm run test:engine`): builds the tools from pinned Go modules into the tools cache
# (.ci/engine-tools.sh; seconds when warm), then runs tests/engine/*.test.ts one file at a time, each on its own
# local control plane.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(bash .ci/engine-tools.sh)
export WEBSTACK_ENGINE_TOOLS=$tools
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec tests/engine/*.test.ts
