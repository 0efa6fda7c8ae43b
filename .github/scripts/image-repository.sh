#!/usr/bin/env bash
# Writes repository=<registry>/<image> to $GITHUB_OUTPUT, the registry being the `registry` output of stack $1
# (Artifact Registry on GCP, ECR on AWS), which the stack's first `pulumi up` creates.
set -euo pipefail

stack=${1:?usage: image-repository.sh <stack> <image>}
image=${2:?usage: image-repository.sh <stack> <image>}
if ! registry=$(pulumi stack output registry --stack "$stack"); then
  echo "::error title=No registry::stack $stack has no output 'registry' yet: its first pulumi up (run by hand, see the README) creates it"
  exit 1
fi
echo "repository=$registry/$image" >>"$GITHUB_OUTPUT"
