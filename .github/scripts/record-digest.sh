#!/usr/bin/env bash
# Writes <dir>/<app>.json = {"<app>": "<digest>"} for the deploy job (uploaded as an artifact: a matrix job has no
# outputs per app). $APP is the app's name, $DIGEST what build-image pushed, $1 the directory.
set -euo pipefail

dir=${1:?usage: record-digest.sh <directory>}
: "${APP:?}" "${DIGEST:?}"
[[ $DIGEST =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "::error::$APP: build-image gave no digest (got '$DIGEST')"; exit 1; }
mkdir -p "$dir"
jq -cn --arg app "$APP" --arg digest "$DIGEST" '{($app): $digest}' >"$dir/$APP.json"
