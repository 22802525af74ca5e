#!/usr/bin/env bash
# The deeper pass of the systematic suite: every scenario explored with more schedules (default 10,000 per scenario
# and strategy) on a fresh seed each time, so every run explores schedules CI has not. Not part of CI (CI runs
# 1,000 per scenario and strategy on fixed seeds). A bug prints its seed; the saved schedule lands in
# bin/Release/net10.0/found-schedules/ (commit it under Schedules/ as a regression).
#   usage: tests/FunctionalGroups.Systematic/deep.sh [schedules] [seed]
set -euo pipefail
cd "$(dirname "$0")"
export FG_SCHEDULES="${1:-10000}"
export FG_SEED="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "systematic deep pass: $FG_SCHEDULES schedules per scenario and strategy, seed $FG_SEED"
dotnet tool restore >/dev/null
dotnet build -c Release
dotnet test --no-build -c Release --filter "FullyQualifiedName~ExplorationTests" --logger "console;verbosity=normal"
