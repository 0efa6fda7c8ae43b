#!/usr/bin/env bash
# Writes the shared stack $1's exported kubeconfig to $RUNNER_TEMP/kubeconfig and points KUBECONFIG at it for the
# job's later steps. It carries no credential: its exec plugin (gke-gcloud-auth-plugin, aws eks get-token) signs in
# as the job's own cloud identity (cloud-login), so kubectl acts with that identity's RBAC only.
set -euo pipefail

stack=${1:?usage: shared-kubeconfig.sh <shared stack>}
file="$RUNNER_TEMP/kubeconfig"
umask 077
pulumi stack output kubeconfig --show-secrets --stack "$stack" >"$file"
echo "KUBECONFIG=$file" >>"$GITHUB_ENV"
