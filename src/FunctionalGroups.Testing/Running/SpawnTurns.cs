namespace FunctionalGroups.Testing;

/// <summary>
/// The spawns in progress on this thread, for G17: a spawned member that starts while the <c>Spawn</c> call of another
/// member is still on the stack ran on that spawner's turn. Thread-static on purpose: "during the call" is exactly "on
/// this thread's stack", and each run's driver thread runs only that run.
/// </summary>
internal static class SpawnTurns
{
    [ThreadStatic] static List<(long Run, int Child)>? active;

    /// <summary>A <c>Spawn</c> call of <paramref name="child"/> in <paramref name="run"/> begins on this thread.</summary>
    public static void Enter(long run, int child) => (active ??= []).Add((run, child));

    /// <summary>The innermost <c>Spawn</c> call on this thread returned.</summary>
    public static void Exit() => active!.RemoveAt(active.Count - 1);

    /// <summary>The child of the innermost <c>Spawn</c> call of <paramref name="run"/> on this thread that is not
    /// <paramref name="node"/> itself, or -1: <paramref name="node"/> starts inside that call.</summary>
    public static int Around(long run, int node)
    {
        if (active is null) return -1;
        for (var i = active.Count - 1; i >= 0; i--)
            if (active[i].Run == run && active[i].Child != node) return active[i].Child;
        return -1;
    }
}
