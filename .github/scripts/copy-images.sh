#!/usr/bin/env bash
# Copies each image prod runs from the dev registry to the prod registry, by the digest dev's build produced: prod
# runs the bytes dev ran (attestations included), never a rebuild and never whatever a tag points at now. $APPS is
# prod's list (npm run built-apps), $FROM the dev registry, $TAG the commit SHA, $DIGESTS the build jobs' digests
# (JSON app -> sha256). Apps with an image of their own are the same repository on both stacks: nothing to copy.
set -euo pipefail

: "${APPS:?}" "${FROM:?}" "${TAG:?}" "${DIGESTS:?}"
jq -c '.[] | select(.stackRegistry)' <<<"$APPS" | while read -r app; do
  name=$(jq -r .name <<<"$app")
  digest=$(jq -er --arg name "$name" '.[$name] // empty' <<<"$DIGESTS") || {
    echo "::error title=No digest::$name: the build jobs left no digest for it; nothing is copied by tag"
    exit 1
  }
  to=$(jq -r .repository <<<"$app"):$TAG
  echo "$name: $FROM/$name@$digest -> $to"
  # One source that is an image index (the build pushes one, with its attestations): a carbon copy, same digest.
  docker buildx imagetools create --tag "$to" "$FROM/$name@$digest"
  copied=$(docker buildx imagetools inspect "$to" --format '{{json .Manifest}}' | jq -er .digest)
  if [[ $copied != "$digest" ]]; then
    echo "::error title=Digest changed::$to is $copied, not $digest: prod would not run what dev ran"
    exit 1
  fi
done
