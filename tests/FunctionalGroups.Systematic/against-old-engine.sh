#!/usr/bin/env bash
# Points the systematic suite at the engine as it was before the reliability fixes (commit add5bfc, or $1) and prints
# what it finds: a check that these laws and scenarios can fail. Nothing here is part of CI.
# The old engine needs three adaptations, made in a throwaway worktree only: its AffThunk used [UnsafeAccessor]
# (an extern Coyote cannot rewrite), so today's AffThunk is copied in; it had no Later hook (its thread-pool hand-offs
# stay uncontrolled, so ControlledPool.Install is a no-op there); and MaxParallelism was an int (0: no limit).
# ONLY=<text> limits the second part to the scenarios whose name contains it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
old="${1:-add5bfc}"
work="$(mktemp -d)/old-engine"
git -C "$repo" worktree add -q --detach "$work" "$old"
trap 'git -C "$repo" worktree remove --force "$work"' EXIT

cp "$repo/Directory.Packages.props" "$work/"
cp "$repo/dotnet-tools.json" "$work/"
cp "$repo/src/FunctionalGroups/Engine/AffThunk.cs" "$work/src/FunctionalGroups/Engine/AffThunk.cs"
mkdir -p "$work/tests/FunctionalGroups.Systematic"
cp -r "$here"/*.cs "$here"/*.csproj "$here"/Harness "$here"/Scenarios "$work/tests/FunctionalGroups.Systematic/"
[ -d "$here/Schedules" ] && cp -r "$here/Schedules" "$work/tests/FunctionalGroups.Systematic/"
sed -i 's|FunctionalGroups.Engine.Later.Scheduler.Value = static (work, state) => _ = Task.Run(() => work(state));|Thread.MemoryBarrier();|' \
  "$work/tests/FunctionalGroups.Systematic/Harness/ControlledPool.cs"
sed -i 's|MaxParallelism = limit,|MaxParallelism = limit ?? 0,|' "$work"/tests/FunctionalGroups.Systematic/Scenarios/*.cs

cd "$work" && dotnet tool restore >/dev/null
cd "$work/tests/FunctionalGroups.Systematic"
report() { grep -E "^ [A-Za-z0-9.]+ \((Random|Prioritization), seed|^ BUG: |Stack overflow|Passed:|Failed:|Aborted" | sed -E 's/, up to .*//' | sort | uniq -c || true; }

echo "== 1. odd Error values (Bottom, an Exceptional without an exception) under a parent cancel"
dotnet build -c Debug 2>&1 | grep -E " error |rror\(s\)" | sort -u
{ dotnet test --no-build --filter "DisplayName~All.OddErrorValues" --logger "console;verbosity=detailed" 2>&1 || true; } | report

echo "== 2. every other scenario, without the odd values (on the old engine they kill the test process)"
sed -i 's|            if (kind is Harness.Kind.Nested \&\& depth == 0) continue;|&\n            if (kind is Harness.Kind.FailsWithBottom or Harness.Kind.FailsWithBareExceptional) continue;|' Harness/Draw.cs
dotnet build -c Debug 2>&1 | grep -E " error |rror\(s\)" | sort -u
{ dotnet test --no-build --filter "DisplayName!~All.OddErrorValues${ONLY:+&DisplayName~$ONLY}" --logger "console;verbosity=detailed" 2>&1 || true; } | report
