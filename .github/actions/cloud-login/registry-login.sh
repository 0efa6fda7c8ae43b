#!/usr/bin/env bash
# Logs Docker in to the registry host of each image repository in $REGISTRIES (whitespace-separated), with the
# credentials the steps before set up for $CLOUD: gcloud's credential helper on gcp, an ECR token on aws.
set -euo pipefail

read -r -d '' -a refs <<<"$REGISTRIES" || true
declare -A seen=()
for ref in "${refs[@]}"; do
  host=${ref%%/*}
  [[ -z ${seen[$host]:-} ]] || continue
  seen[$host]=1
  case "$CLOUD" in
    gcp) gcloud auth configure-docker "$host" --quiet ;;
    aws)
      # <account>.dkr.ecr.<region>.amazonaws.com
      region=$(sed -nE 's/^[0-9]+\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/\1/p' <<<"$host")
      if [[ -z $region ]]; then
        echo "::error::$host is not an ECR registry (<account>.dkr.ecr.<region>.amazonaws.com)"
        exit 1
      fi
      aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$host"
      ;;
    *)
      echo "::error::no registry login on cloud '$CLOUD' (registry $host)"
      exit 1
      ;;
  esac
done
