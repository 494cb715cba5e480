#!/usr/bin/env bash
# Builds the solution and runs every test project. Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

install_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  # Another apt-get on the machine holds the dpkg lock for a while, or breaks ours: wait for the lock, then retry.
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  for attempt in 1 2 3; do
    if "${apt[@]}" update -qq && "${apt[@]}" install -y -qq chromium; then
      return
    fi
    echo "test.sh: installing Chromium failed (attempt $attempt of 3)" >&2
    sleep $((attempt * 15))
  done
  echo "test.sh: could not install Chromium; the browser tests need it: apt-get install -y chromium" >&2
  exit 1
}

install_chromium

dotnet restore
dotnet build -c Release --no-restore -warnaserror

mkdir -p TestResults
log=TestResults/dotnet-test.log
status=0
dotnet test JobTitleStudio.sln -c Release --no-build 2>&1 | tee "$log" || status=$?

# One summary line per test project, e.g. "Passed!  - Failed:     0, Passed:    48, Skipped: ...".
passed=0
failed=0
while read -r project_failed project_passed; do
  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
done < <(sed -nE 's/^(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+),.*/\2 \3/p' "$log")

echo "$passed passed, $failed failed"
if [[ $status -ne 0 || $failed -ne 0 ]]; then
  exit 1
fi
