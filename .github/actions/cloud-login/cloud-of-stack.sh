#!/usr/bin/env bash
# Writes cloud=<gcp|aws|existing> to $GITHUB_OUTPUT: webstack:cloud from Pulumi.<stack>.yaml (stack = $1).
set -euo pipefail

stack=${1:?usage: cloud-of-stack.sh <stack>}
file="Pulumi.$stack.yaml"
if [[ ! -f $file ]]; then
  echo "::error::$file not found: cloud-login needs a stack with a stack file (tenant stacks pass dev, whose cluster they share)"
  exit 1
fi
cloud=$(awk '$1 == "webstack:cloud:" { gsub(/["\047]/, "", $2); print $2; exit }' "$file")
case "$cloud" in
  gcp | aws | existing) echo "cloud=$cloud" >>"$GITHUB_OUTPUT" ;;
  *)
    echo "::error file=$file::webstack:cloud must be gcp, aws or existing (found '$cloud')"
    exit 1
    ;;
esac
