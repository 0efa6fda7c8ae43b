#!/usr/bin/env bash
# On an EKS stack ($1), creates the ECR repository of every app with `build:` that the stack does not hold yet,
# before anything is pushed: a targeted `pulumi up` of exactly those repositories (npm run built-apps --format
# targets prints their URNs), so nothing else of the stack changes. Prints nothing to do on other clouds.
set -euo pipefail

stack=${1:?usage: create-ecr-repositories.sh <stack>}
mapfile -t urns < <(npm run --silent built-apps -- --stack "$stack" --format targets)
if ((${#urns[@]} == 0)); then
  echo "no ECR repositories to create for stack $stack"
  exit 0
fi
targets=()
for urn in "${urns[@]}"; do targets+=(--target "$urn"); done
pulumi up --yes --skip-preview --stack "$stack" "${targets[@]}"
