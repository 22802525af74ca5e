#!/usr/bin/env bash
# The whole suite, from the repository root: BenchmarkDotNet (workloads 1-4), the --scale memory probe, CPython's
# asyncio.TaskGroup, then the plots and tables in bench/results (and the raw result files in bench/results/raw).
# Arguments, if any, go to BenchmarkDotNet instead of `--filter '*'` (e.g. --filter '*FanOut*').
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=BenchmarkDotNet.Artifacts/results
rm -rf BenchmarkDotNet.Artifacts
stamp() { echo "== $(date -u +%H:%M:%S) $*"; }

stamp "BenchmarkDotNet"
if [ $# -eq 0 ]; then set -- --filter '*'; fi
dotnet run -c Release --project bench/FunctionalGroups.Benchmarks -- "$@"
stamp "scale probe"
dotnet run -c Release --no-build --project bench/FunctionalGroups.Benchmarks -- --scale "$artifacts/scale.json"
stamp "CPython"
python3 bench/asyncio_taskgroup.py --json "$artifacts/asyncio_taskgroup.json"
stamp "plots and tables"
dotnet run -c Release --project bench/FunctionalGroups.Benchmarks.Plot -- --results "$artifacts" --out bench/results
rm -rf bench/results/raw && mkdir -p bench/results/raw
cp "$artifacts"/*-report-github.md "$artifacts"/*-report.csv "$artifacts"/*-report-brief.json \
   "$artifacts"/scale.json "$artifacts"/asyncio_taskgroup.json bench/results/raw/
stamp "long-lived scope"
dotnet run -c Release --no-build --project bench/FunctionalGroups.Benchmarks -- --scope-memory > bench/results/raw/scope-memory.txt
stamp "done: bench/results"
