#!/usr/bin/env bash
# Writes digests=<JSON object app -> digest> to $GITHUB_OUTPUT: the digest files the build jobs left (one
# <app>.json each, {"<app>": "sha256:..."}), downloaded into directory $1. The Pulumi program reads the object as
# IMAGE_DIGESTS and runs each app's image by digest. No files (nothing was built): {}.
set -euo pipefail

dir=${1:?usage: image-digests.sh <directory of digest files>}
shopt -s nullglob
files=("$dir"/*.json)
if ((${#files[@]} == 0)); then
  digests='{}'
else
  digests=$(jq -cs 'add' "${files[@]}")
fi
jq -e 'to_entries | all(.value | test("^sha256:[0-9a-f]{64}$"))' <<<"$digests" >/dev/null || {
  echo "::error title=Bad digest::a build left a digest that is not sha256:<64 hex digits>: $digests"
  exit 1
}
echo "digests=$digests" >>"$GITHUB_OUTPUT"
jq -r 'to_entries[] | "\(.key): \(.value)"' <<<"$digests"
