#!/usr/bin/env bash
# Writes registry=<host/path> to $GITHUB_OUTPUT: output $2 (default registry) of stack $1. `registry` is where main's
# builds go (Artifact Registry on GCP, ECR on AWS), `reviewRegistry` where unreviewed builds (pull requests,
# developers) go; the stack's first `pulumi up` creates both. Images built here are <registry>/<app>:<commit SHA>.
set -euo pipefail

stack=${1:?usage: stack-registry.sh <stack> [registry|reviewRegistry]}
output=${2:-registry}
if ! registry=$(pulumi stack output "$output" --stack "$stack"); then
  echo "::error title=No registry::stack $stack has no output '$output' yet: its first pulumi up (run by hand, see docs/access.md) creates it"
  exit 1
fi
echo "registry=$registry" >>"$GITHUB_OUTPUT"
