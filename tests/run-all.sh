#!/usr/bin/env bash
# Runs every RedSail test on a fresh machine of this kind: installs what the tests need (PostgreSQL server
# binaries and Chromium with CJK fonts from Debian packages, the web UI's npm packages), runs the web UI's
# unit tests and all .NET test projects (unit, integration, architecture, API, browser), and ends with one
# line "N passed, N failed[, N skipped]" counted from the test result files. Exit status 0 only if all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results" && mkdir -p "$results"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing from Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null || exit 1
fi

# On its own, not alongside the .NET build: a component test timed out (30 s) when both ran together on a loaded machine.
echo "== Web UI: npm ci and unit tests"
(cd Host/web && npm ci --no-audit --no-fund --loglevel=error && npx vitest run --reporter=default --reporter=json --outputFile="$results/web-vitest.json")
web_status=$?

# The fault suite's short form: 5 trials per scenario, and the import cut by kill -9 holds 20,000 rows (all-or-nothing does not
# depend on the size; the long form, docs/reliability.md, uses 100,000 and 50 trials). Settings already exported win.
export REDSAIL_FAULT_TRIALS="${REDSAIL_FAULT_TRIALS:-5}" REDSAIL_FAULT_IMPORT_ROWS="${REDSAIL_FAULT_IMPORT_ROWS:-20000}"

# The test projects run in two lanes side by side, each project in its own process with its own PostgreSQL cluster, folders and
# ports, and then the browser tests alone: the fault suite mostly waits for the hosts it starts and kills, so it overlaps the
# other projects well, while the browser tests' waits must not compete with anything for the two cores (a component test timed
# out when they did). REDSAIL_TEST_LANES=1 runs everything one after another. Each project's output is printed when it ends,
# not interleaved.
echo "== .NET: build, then the test projects (each starts its own PostgreSQL cluster)"
dotnet build RedSail.sln -nologo -v:q -clp:ErrorsOnly
dotnet_status=$?
run_tests() {
  local status=0 name
  for name in "$@"; do
    local started=$SECONDS
    dotnet test "tests/$name/$name.csproj" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      -- NUnit.ConsoleOut=0 >"$results/$name.log" 2>&1 || status=1
    { echo "-- $name ($((SECONDS - started)) s)"; cat "$results/$name.log"; }
  done
  return $status
}
if [ $dotnet_status -eq 0 ]; then
  if [ "${REDSAIL_TEST_LANES:-2}" = 1 ]; then
    lanes=("RedSail.UnitTests RedSail.ArchitectureTests RedSail.IntegrationTests RedSail.ApiTests RedSail.FaultTests")
  else
    lanes=("RedSail.UnitTests RedSail.ArchitectureTests RedSail.IntegrationTests RedSail.ApiTests" "RedSail.FaultTests")
  fi
  alone="RedSail.BrowserTests"
  listed=" ${lanes[*]} $alone "
  for project in tests/*/RedSail.*Tests.csproj; do # a test project no lane lists would silently not run
    [[ "$listed" == *" $(basename "$project" .csproj) "* ]] || { echo "tests/run-all.sh: $project is in no lane"; dotnet_status=1; }
  done
  pids=()
  for lane in "${lanes[@]}"; do
    # shellcheck disable=SC2086 # a lane is a list of project names
    run_tests $lane &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || dotnet_status=1; done
  run_tests $alone || dotnet_status=1
fi

python3 - "$results" <<'PY'
import glob, json, sys, xml.etree.ElementTree as ET
results = sys.argv[1]
passed = failed = skipped = 0
for trx in glob.glob(f"{results}/*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
for path in glob.glob(f"{results}/web-vitest.json"):
    web = json.load(open(path))
    passed += web.get("numPassedTests", 0)
    failed += web.get("numFailedTests", 0)
    skipped += web.get("numPendingTests", 0) + web.get("numTodoTests", 0)
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(1 if failed or passed == 0 else 0)
PY
counted=$?
[ $web_status -eq 0 ] && [ $dotnet_status -eq 0 ] && [ $counted -eq 0 ]
