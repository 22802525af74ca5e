using FunctionalGroups.Diagnostics;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Engine;

// Stub: replaced by the engine's registry.
internal static class RunRegistry
{
    internal static GroupTreeSnapshot Snapshot() => new(Environment.ProcessId, DateTimeOffset.UtcNow, Seq<GroupNode>());
}
