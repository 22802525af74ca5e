#!/usr/bin/env bash
# Mutation score of src/FunctionalGroups (Engine/ and Errors/) with Stryker.NET; see docs/mutation.md.
# Usage: tests/mutation/run.sh [OUTPUT_DIR] [extra dotnet-stryker options, e.g. --mutate '**/Errors/**/*.cs']
# The report goes to OUTPUT_DIR (default: $TMPDIR/functionalgroups-mutation), outside the repository.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-${TMPDIR:-/tmp}/functionalgroups-mutation}"
shift || true
cd "$repo"
dotnet tool restore
cd tests/FunctionalGroups.Tests
status=0
dotnet tool run dotnet-stryker --config-file ../mutation/stryker-config.json --output "$out" --skip-version-check "$@" || status=$?
# Stryker leaves the mutated library in the test project's bin folder: rebuild so later test runs see the real one.
dotnet build "$repo/tests/FunctionalGroups.Tests" -c Debug -nologo -v q > /dev/null
echo "report: $out/reports/mutation-report.html"
exit $status
