#!/usr/bin/env bash
# Logs Docker in to the registry host of each image repository in $REGISTRIES (whitespace-separated), with the
# credentials the steps before set up for $CLOUD: gcloud's credential helper on gcp, an ECR token on aws. With
# REPOSITORIES_MUST_EXIST=true on aws it also checks that each repository exists: ECR has one per image, which the
# stack creates (deploy.yml creates a new app's before its first push); a push to a missing one fails late.
set -euo pipefail

read -r -d '' -a refs <<<"$REGISTRIES" || true
declare -A logged_in=()
for ref in "${refs[@]}"; do
  host=${ref%%/*}
  case "$CLOUD" in
    gcp)
      [[ -n ${logged_in[$host]:-} ]] || gcloud auth configure-docker "$host" --quiet
      ;;
    aws)
      # <account>.dkr.ecr.<region>.amazonaws.com
      region=$(sed -nE 's/^[0-9]+\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/\1/p' <<<"$host")
      if [[ -z $region ]]; then
        echo "::error::$host is not an ECR registry (<account>.dkr.ecr.<region>.amazonaws.com)"
        exit 1
      fi
      [[ -n ${logged_in[$host]:-} ]] || aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$host"
      repository=${ref#*/}
      if [[ ${REPOSITORIES_MUST_EXIST:-false} == true ]] && ! aws ecr describe-repositories --region "$region" --repository-names "$repository" >/dev/null 2>&1; then
        echo "::error title=No ECR repository::$ref does not exist: the stack creates one ECR repository per app with build: (deploy.yml creates a new app's on main before its first push; a pull request cannot)"
        exit 1
      fi
      ;;
    *)
      echo "::error::no registry login on cloud '$CLOUD' (registry $host)"
      exit 1
      ;;
  esac
  logged_in[$host]=1
done
