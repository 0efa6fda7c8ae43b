#!/usr/bin/env bash
# Writes registry=<host/path> to $GITHUB_OUTPUT: the `registry` output of stack $1 (Artifact Registry on GCP,
# ECR on AWS), which the stack's first `pulumi up` creates. Images built here are <registry>/<app>:<commit SHA>.
set -euo pipefail

stack=${1:?usage: stack-registry.sh <stack>}
if ! registry=$(pulumi stack output registry --stack "$stack"); then
  echo "::error title=No registry::stack $stack has no output 'registry' yet: its first pulumi up (run by hand, see docs/access.md) creates it"
  exit 1
fi
echo "registry=$registry" >>"$GITHUB_OUTPUT"
