#!/usr/bin/env bash
# Sourced by the .ci scripts: Go-built tools, pinned, in one cache shared across runs.
#   go_tool <package>@<version>   prints the binary's path; `go install`s it into $tools_bin first when it is missing
#                                 or was built from another version (read from the binary's own build info).
# The cache is $WEBSTACK_TOOLS/bin, default ~/.cache/webstack-tools/bin.

tools_bin="${WEBSTACK_TOOLS:-$HOME/.cache/webstack-tools}/bin"

go_tool() {
  local package=${1%@*} version=${1##*@}
  local name=${package##*/}
  local binary="$tools_bin/$name"
  local built
  # Nothing built yet (a cold cache) is not an error, also under `set -o pipefail`.
  built=$(go version -m "$binary" 2>/dev/null | awk '$1 == "mod" { print $3; exit }') || built=""
  if [[ ! -x $binary || $built != "$version" ]]; then
    echo "$name: installing $version into $tools_bin" >&2
    # Stripped, without local paths: a smaller binary and a faster link (Trivy's and kwok's links are large).
    GOBIN="$tools_bin" go install -trimpath -ldflags="-s -w" "$package@$version" >&2 || return 1
  fi
  printf '%s\n' "$binary"
}
