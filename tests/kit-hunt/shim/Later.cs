namespace FunctionalGroups.Engine;

/// <summary>
/// Compile-time shim for the hunt only (tests/kit-hunt/old-engine.sh copies it into a temporary copy of an old engine):
/// the engine at add5bfc had no scheduler of deferred spawns, and the new kit installs its step clock there. The old
/// engine never calls it (it runs every spawn inline), so installing the clock changes nothing in how it runs.
/// </summary>
internal static class Later
{
    internal static readonly AsyncLocal<Action<Action<object?>, object?>?> Scheduler = new();
}
