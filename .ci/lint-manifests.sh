#!/usr/bin/env bash
# Lints the Kubernetes objects each stack renders with an independent linter; exits non-zero on any finding of
# error level. Renders dev, prod, both switched to EKS (.ci/lint-stacks/*-aws.yaml overlays), dev with the redis
# example (.ci/lint-stacks/dev-redis.yaml, examples/redis.apps.yaml) and the tenant stacks dev-demo and pr-42 offline
# (tools/render/cli.ts), then runs on each manifests.yaml:
#   kube-score: a CRITICAL fails the run; WARNINGs are printed and allowed.
#   Trivy (`trivy config`, its checks embedded in the binary, offline): a MEDIUM, HIGH or CRITICAL fails the run.
#     KSV-0125's trusted registries are .ci/lint-config/trivy-data/ksv0125.yaml.
# Checks are skipped only through .ci/lint-config/exclusions.yaml, which gives the reason for each.
# Linters are built once with `go install`, pinned, into the tools cache (.ci/go-tool.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/go-tool.sh
source .ci/go-tool.sh

readonly kube_score_version=v1.20.0
readonly trivy_version=v0.74.0
readonly image_tag=0123456789abcdef0123456789abcdef01234567
readonly stacks=(dev prod dev-aws prod-aws dev-redis dev-demo pr-42)

kube_score=$(go_tool "github.com/zegl/kube-score/cmd/kube-score@$kube_score_version")
kube_score_flags=$(node .ci/lint-config/flags.mjs kube-score)
mapfile -t kube_score_flags <<<"$kube_score_flags"
echo "kube-score $kube_score_version, skipping: ${kube_score_flags[*]#--ignore-test=}"

# Trivy v0.74 needs the encoding/json/v2 experiment to build.
trivy=$(GOEXPERIMENT=jsonv2 go_tool "github.com/aquasecurity/trivy/cmd/trivy@$trivy_version")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node .ci/lint-config/flags.mjs trivy >"$work/trivyignore.yaml"
mapfile -t trivy_skipped < <(sed -n 's/^  - id: //p' "$work/trivyignore.yaml")
echo "trivy $trivy_version, skipping: ${trivy_skipped[*]:-nothing}"

# render <name>: writes $work/<name>/manifests.yaml. A name with an overlay in .ci/lint-stacks/ renders the
# overlay's base stack with the overlay applied.
render() {
  local name=$1 stack=$1 config=()
  if [[ -f .ci/lint-stacks/$name.yaml ]]; then
    stack=$(node .ci/lint-stacks/overlay.mjs ".ci/lint-stacks/$name.yaml" "$work/$name.stack.yaml")
    config=(--config "$work/$name.stack.yaml")
  fi
  node --import tsx tools/render/cli.ts --stack "$stack" "${config[@]}" --out "$work/$name" --image-tag "$image_tag" >/dev/null
}

# kube-score exits 1 on a CRITICAL; its OK and SKIPPED lines are left out.
lint_kube_score() {
  local report code=0
  report=$("$kube_score" score --output-format ci "${kube_score_flags[@]}" "$1") || code=$?
  grep -vE '^\[(OK|SKIPPED)\]' <<<"$report" || true
  return "$code"
}

# Trivy exits 1 on a finding of MEDIUM or above that the ignore file does not excuse.
lint_trivy() {
  "$trivy" config --skip-check-update --skip-version-check --disable-telemetry --quiet \
    --severity MEDIUM,HIGH,CRITICAL --exit-code 1 --ignorefile "$work/trivyignore.yaml" \
    --config-data .ci/lint-config/trivy-data "$1"
}

status=0
summary=()
for name in "${stacks[@]}"; do
  echo "== $name"
  if ! render "$name"; then
    summary+=("$name: render FAILED")
    status=1
    continue
  fi
  if lint_kube_score "$work/$name/manifests.yaml"; then result=ok; else result=FAILED; status=1; fi
  summary+=("$name: kube-score $result")
  if lint_trivy "$work/$name/manifests.yaml"; then result=ok; else result=FAILED; status=1; fi
  summary+=("$name: trivy $result")
done

printf '%s\n' "${summary[@]}"
if ((status == 0)); then echo "lint-manifests: no findings"; fi
exit "$status"
