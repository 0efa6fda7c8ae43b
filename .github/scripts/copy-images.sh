#!/usr/bin/env bash
# Copies each image prod runs from the dev registry to the prod registry, by digest: prod runs the bytes dev ran
# (attestations included), never a rebuild. $APPS is prod's list (npm run built-apps), $FROM the dev registry,
# $TAG the commit SHA. Apps with an image of their own are the same repository on both stacks: nothing to copy.
set -euo pipefail

: "${APPS:?}" "${FROM:?}" "${TAG:?}"
jq -c '.[] | select(.stackRegistry)' <<<"$APPS" | while read -r app; do
  name=$(jq -r .name <<<"$app")
  to=$(jq -r .repository <<<"$app"):$TAG
  digest=$(docker buildx imagetools inspect "$FROM/$name:$TAG" --format '{{json .Manifest}}' | jq -er .digest)
  echo "$name: $FROM/$name@$digest -> $to"
  docker buildx imagetools create --tag "$to" "$FROM/$name@$digest"
done
