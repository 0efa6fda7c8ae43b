#!/usr/bin/env bash
# Writes apps=<JSON array> and count=<n> to $GITHUB_OUTPUT: the apps of stack $1 that have `build:`, each with
# its build context and the repository it is pushed to (npm run built-apps; $REGISTRY is the stack's registry).
set -euo pipefail

stack=${1:?usage: list-built-apps.sh <stack>}
apps=$(npm run --silent built-apps -- --stack "$stack" --registry "${REGISTRY:?REGISTRY is not set}")
{
  echo "apps=$apps"
  echo "count=$(jq length <<<"$apps")"
} >>"$GITHUB_OUTPUT"
jq -r '.[] | "\(.name): \(.context) -> \(.repository)"' <<<"$apps"
