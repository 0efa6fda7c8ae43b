#!/usr/bin/env bash
# Lints the GitHub Actions setup; exits non-zero on any finding.
#  1. actionlint on .github/workflows, with shellcheck on every `run:` block when shellcheck is on PATH. Actions are
#     pinned to commit SHAs, which hides their inputs from actionlint; so it lints a copy in which each
#     `@<sha> # vX.Y.Z` reads `@vX`, and checks the inputs of well-known actions too (same files, same line numbers).
#  2. Every `uses:` outside this repository is pinned to a full commit SHA with its version in a `# vX.Y.Z` comment.
#  3. shellcheck on the shell scripts under .github/, .ci/ and tests/.
# actionlint is built once with `go install` into the tools cache (.ci/go-tool.sh).
# ShellCheck comes from Debian's package: installed here when missing on CI (as root), otherwise skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=.ci/go-tool.sh
source .ci/go-tool.sh
readonly actionlint_version=v1.7.12
actionlint=$(go_tool "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version")

if ! command -v shellcheck >/dev/null && [[ -n ${CI:-} && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "shellcheck: installing Debian's package"
  (apt-get install -y -qq shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y -qq shellcheck >/dev/null; }) ||
    echo "shellcheck: could not be installed"
fi
if command -v shellcheck >/dev/null; then
  echo "actionlint $actionlint_version, with $(shellcheck --version | sed -n 's/^version: /shellcheck /p') on run: blocks"
  have_shellcheck=true
else
  echo "actionlint $actionlint_version; shellcheck not on PATH, so run: blocks and scripts are NOT checked (apt-get install shellcheck)"
  have_shellcheck=false
fi

status=0

# 1. actionlint, on a copy whose pinned actions name their major version.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -R .github "$copy/"
mkdir "$copy/.git" # actionlint's project root: where ./.github/actions/* resolve
find "$copy/.github" \( -name '*.yml' -o -name '*.yaml' \) -exec sed -E -i \
  's/(uses:[[:space:]]*[^@[:space:]]+)@[0-9a-f]{40}([[:space:]]+#[[:space:]]*(v[0-9]+)[.0-9]*)/\1@\3\2/' {} +
(cd "$copy" && "$actionlint" -no-color) || status=1

# 2. Pins: `owner/repo[/path]@<40 hex> # vX[.Y[.Z]]`; local (./) actions excepted.
unpinned=$(grep -rnE --include='*.yml' --include='*.yaml' '^[[:space:]-]*uses:' .github |
  grep -vE 'uses:[[:space:]]*\./' |
  grep -vE 'uses:[[:space:]]*[^@[:space:]]+@[0-9a-f]{40}[[:space:]]+#[[:space:]]*v[0-9]+(\.[0-9]+)*([[:space:]]|$)' || true)
if [[ -n $unpinned ]]; then
  while IFS= read -r line; do echo "$line  <- pin to a full commit SHA with a '# vX.Y.Z' comment"; done <<<"$unpinned"
  status=1
fi

# 3. The shell scripts the workflows run.
if [[ $have_shellcheck == true ]]; then
  mapfile -t scripts < <(find .github .ci tests -name '*.sh' -type f | sort)
  if ((${#scripts[@]} > 0)); then shellcheck "${scripts[@]}" || status=1; fi
fi

if ((status == 0)); then echo "actionlint: no findings"; fi
exit "$status"
