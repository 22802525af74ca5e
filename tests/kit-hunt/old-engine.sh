#!/usr/bin/env bash
# The hunt: points the testing kit of this branch at an old engine and prints, per class of broken guarantee the
# review found, which law caught it, the shrunk plan and its size, and how many generated cases it took.
#
#   tests/kit-hunt/old-engine.sh [COMMIT]     (default add5bfc, the engine before the reliability fixes; HEAD: control)
#
# It copies the repository at COMMIT into a temporary directory (git archive: nothing is registered in the shared
# repository), overlays this branch's src/FunctionalGroups.Testing, adds the compile-time shim the new kit needs from
# an old engine (tests/kit-hunt/shim: Engine/Later.cs; CancelScope.cs, stand-ins never called; Engine/HuntJoin.cs with two lines of Scopes/ChildHandle.cs
# rewritten to call it, so a joiner resumes on the step clock's turn; and InternalsVisibleTo for the kit), builds tests/kit-hunt/KitHunt
# there in Release, and runs it. Each class is scanned in a child process, so a stack overflow kills only that scan;
# a crashing case is then shrunk with one child process per candidate. The temporary copy is removed at the end.
set -euo pipefail

commit="${1:-add5bfc}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kit-hunt.XXXXXX")"
[ -n "${KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT

echo "engine: $(git -C "$repo" log -1 --format='%h %s' "$commit" | cut -c1-100)" >&2
echo "kit:    $(git -C "$repo" log -1 --format='%h %s' HEAD | cut -c1-100)$(git -C "$repo" diff --quiet HEAD -- src/FunctionalGroups.Testing tests/kit-hunt || echo ' (+ uncommitted changes)')" >&2

git -C "$repo" archive "$commit" | tar -x -C "$work"

# The new kit, over the old one.
rm -rf "$work/src/FunctionalGroups.Testing"
cp -r "$repo/src/FunctionalGroups.Testing" "$work/src/FunctionalGroups.Testing"
rm -rf "$work/src/FunctionalGroups.Testing/bin" "$work/src/FunctionalGroups.Testing/obj"

# The shim: only what an old engine lacks.
engine="$work/src/FunctionalGroups"
if [ ! -f "$engine/Engine/Later.cs" ]; then
  cp "$here/shim/Later.cs" "$engine/Engine/Later.cs"
  echo "shim:   Engine/Later.cs added (the old engine has no scheduler of deferred spawns)" >&2
fi
if ! grep -rqs 'static class CancelScope\b' "$engine"; then
  cp "$here/shim/CancelScope.cs" "$engine/CancelScopeShim.cs"
  echo "shim:   CancelScopeShim.cs added (the old engine has no cancel scopes; the hunt generates none)" >&2
fi
handle="$engine/Scopes/ChildHandle.cs"
if grep -q 'outcome.Task.WaitAsync(rt.CancellationToken)' "$handle"; then
  cp "$here/shim/HuntJoin.cs" "$engine/Engine/HuntJoin.cs"
  sed -i 's|new(TaskCreationOptions.RunContinuationsAsynchronously);|new(Engine.HuntJoin.Options);|; s|await outcome.Task.WaitAsync(rt.CancellationToken)|await Engine.HuntJoin.Wait(outcome, rt.CancellationToken)|' "$handle"
  grep -q 'Engine.HuntJoin.Wait' "$handle" && grep -q 'new(Engine.HuntJoin.Options)' "$handle" || { echo "shim: ChildHandle rewrite failed" >&2; exit 1; }
  echo "shim:   Scopes/ChildHandle.cs joins through Engine/HuntJoin.cs (a joiner resumes on the step clock's turn; WaitAsync's first-wins decision kept)" >&2
fi
if ! grep -q 'InternalsVisibleTo Include="FunctionalGroups.Testing"' "$engine/FunctionalGroups.csproj"; then
  sed -i 's|<InternalsVisibleTo Include="FunctionalGroups.FSharp" />|<InternalsVisibleTo Include="FunctionalGroups.FSharp" />\n    <InternalsVisibleTo Include="FunctionalGroups.Testing" />|' "$engine/FunctionalGroups.csproj"
  echo "shim:   InternalsVisibleTo FunctionalGroups.Testing added to the engine" >&2
fi

mkdir -p "$work/tests/KitHunt"
cp "$here/KitHunt/"*.cs "$here/KitHunt/KitHunt.csproj" "$work/tests/KitHunt/"

dotnet build "$work/tests/KitHunt" -c Release -nologo -v quiet -warnaserror >&2
dotnet "$work/tests/KitHunt/bin/Release/net10.0/KitHunt.dll" hunt
