#!/usr/bin/env bash
# Builds the real-engine tier's tools from pinned Go modules, once, into the tools cache, and prints the
# folder that holds them all (pulumi/bin/: the CLI alone, since the Automation API puts its folder on the
# engine's PATH and a provider found there would win over the installed plugin; bin/: pulumi-resource-kubernetes,
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok; stages/: kwok's stage files).
#
# Each tool is built into its own cache folder named by its version and a hash of its wrapper module
# (.ci/engine/<tool>/), so a warm rerun only checks that the binaries exist; changing a version or a wrapper
# builds that tool again. The cache is $WEBSTACK_TOOLS (default ~/.cache/webstack-tools), outside the repo.
#
#   bash .ci/engine-tools.sh          build what is missing, print the tools folder
#   bash .ci/engine-tools.sh --check  print the tools folder if everything is cached, else exit 1
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=.ci/go-tool.sh
source .ci/go-tool.sh

readonly pulumi_version=v3.274.1
# The only version of the provider module the proxy serves: the v4.25.0 release commit. It is stamped 4.34.2,
# the version @pulumi/kubernetes in package.json asks the engine for.
readonly provider_module_version=v4.0.0-20260115033456-f47bc2d6f199
readonly provider_version=4.34.2
readonly etcd_version=v3.6.16
readonly kubernetes_version=v1.35.4
readonly kwok_version=v0.8.0

cache=${WEBSTACK_TOOLS:-$HOME/.cache/webstack-tools}/engine
check_only=false
[[ ${1:-} == --check ]] && check_only=true

# wrapper_key <tool> <version>: the cache folder name for a wrapper module's build.
wrapper_key() {
  local hash
  hash=$(cat .ci/engine/"$1"/* | sha256sum | cut -c1-12)
  printf '%s-%s-%s' "$1" "$2" "$hash"
}

# build_wrapper <tool> <version> <ldflags> <binary>=<package>... : `go build`s each package of the wrapper
# module as <binary> into the tool's cache folder, unless that binary is already there.
build_wrapper() {
  local tool=$1 version=$2 ldflags=$3
  shift 3
  local dir
  dir="$cache/$(wrapper_key "$tool" "$version")"
  local missing=()
  for target in "$@"; do
    [[ -x $dir/${target%%=*} ]] || missing+=("$target")
  done
  ((${#missing[@]} == 0)) && { printf '%s\n' "$dir"; return; }
  $check_only && { echo "$tool $version: not built" >&2; return 1; }
  echo "$tool $version: building ${missing[*]%%=*} (cold: tens of minutes on 2 cores)" >&2
  local start=$SECONDS stage
  stage=$(mktemp -d)
  cp -r .ci/engine/"$tool"/. "$stage"
  [[ $tool == kubernetes-provider ]] && write_provider_embeds "$stage"
  mkdir -p "$dir"
  # One `go build` for all of a module's binaries: shared packages compile once, and the links run in parallel.
  local out="$stage/out" packages=()
  for target in "${missing[@]}"; do packages+=("${target#*=}"); done
  mkdir -p "$out"
  (cd "$stage" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out/" "${packages[@]}") >&2
  for target in "${missing[@]}"; do
    # go names a binary after the package path's last element, or the one before a major-version suffix.
    local package=${target#*=} base
    base=${package##*/}
    [[ $base =~ ^v[0-9]+$ ]] && { base=${package%/*}; base=${base##*/}; }
    mv "$out/$base" "$dir/${target%%=*}"
  done
  rm -rf "$stage"
  echo "$tool $version: built in $((SECONDS - start)) s" >&2
  printf '%s\n' "$dir"
}

# module_download <dir> <module>[@<version>]: downloads the module (without a version: the one <dir>'s go.mod
# requires) into the module cache, which is empty on a cold machine, and prints "<version> <folder>".
module_download() {
  local info
  info=$(cd "$1" && go mod download -json "$2") || { echo "go mod download $2 failed: $info" >&2; return 1; }
  node -e 'const m = JSON.parse(process.argv[1]); console.log(m.Version, m.Dir)' "$info"
}

# write_provider_embeds <dir>: what the provider's `go generate` would write, from the module's committed files.
write_provider_embeds() {
  local module version
  read -r version module < <(module_download "$1" github.com/pulumi/pulumi-kubernetes/provider/v4)
  if [[ $version != "$provider_module_version" || ! -d $module ]]; then
    echo "kubernetes-provider: .ci/engine/kubernetes-provider/go.mod requires ${version:-nothing} (in ${module:-no folder}), expected $provider_module_version" >&2
    return 1
  fi
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  node -e '
    const fs = require("fs");
    const [from, to, version] = process.argv.slice(1);
    const schema = JSON.parse(fs.readFileSync(`${from}/schema.json`, "utf8"));
    schema.version = version;
    fs.writeFileSync(`${to}/schema-embed.json`, JSON.stringify(schema));
    const mapping = JSON.parse(fs.readFileSync(`${from}/terraform-mapping.json`, "utf8"));
    fs.writeFileSync(`${to}/terraform-mapping-embed.json`, JSON.stringify(mapping));
  ' "$module/cmd/pulumi-resource-kubernetes" "$1" "$provider_version"
}

pulumi_dir=$(build_wrapper pulumi "$pulumi_version" \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pulumi_version" \
  pulumi=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
provider_dir=$(build_wrapper kubernetes-provider "$provider_version" \
  "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$provider_version" \
  pulumi-resource-kubernetes=webstack.local/engine/kubernetes-provider)
etcd_dir=$(build_wrapper etcd "$etcd_version" "" etcd=go.etcd.io/etcd/server/v3)
kube_version_flags="-X k8s.io/component-base/version.gitVersion=$kubernetes_version"
kube_version_flags+=" -X k8s.io/client-go/pkg/version.gitVersion=$kubernetes_version"
kube_dir=$(build_wrapper kubernetes "$kubernetes_version" "$kube_version_flags" \
  kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
  kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
  kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler kubectl=k8s.io/kubernetes/cmd/kubectl)
if $check_only; then
  kwok=$tools_bin/kwok
  [[ -x $kwok ]] || { echo "kwok $kwok_version: not built" >&2; exit 1; }
else
  kwok=$(go_tool "sigs.k8s.io/kwok/cmd/kwok@$kwok_version")
fi

# One folder of links, named by everything it links to and by this script (its layout), so the tests find all
# tools in one place.
all="$cache/all-$({ printf '%s\n' "$pulumi_dir" "$provider_dir" "$etcd_dir" "$kube_dir" "$kwok"; cat "$0"; } | sha256sum | cut -c1-12)"
if [[ ! -d $all/stages ]]; then
  $check_only && exit 1
  mkdir -p "$all/bin.tmp" "$all/stages.tmp" "$all/pulumi/bin"
  ln -sf "$pulumi_dir/pulumi" "$all/pulumi/bin/pulumi"
  ln -sf "$provider_dir"/* "$etcd_dir"/* "$kube_dir"/* "$kwok" "$all/bin.tmp/"
  read -r _ kwok_module < <(GOFLAGS=-mod=mod module_download . "sigs.k8s.io/kwok@$kwok_version")
  [[ -d $kwok_module ]] || { echo "kwok $kwok_version: no module folder" >&2; exit 1; }
  # Pods become Ready, nodes Ready with leases, PVCs of StorageClass kwok-volume get a bound volume.
  for stage in pod/fast node/fast node/heartbeat-with-lease volume/fast; do
    cp "$kwok_module"/kustomize/stage/"$stage"/*.yaml "$all/stages.tmp/"
  done
  rm -f "$all/stages.tmp/kustomization.yaml"
  mv "$all/stages.tmp/storage-class.yaml" "$all/kwok-storage-class.yaml"
  mv "$all/bin.tmp" "$all/bin"
  mv "$all/stages.tmp" "$all/stages"
fi
printf '%s\n' "$all"
