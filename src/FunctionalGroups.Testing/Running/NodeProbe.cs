namespace FunctionalGroups.Testing;

/// <summary>
/// What one node of a plan did in a run, recorded as it happened. Marks are ticks of the run's own sequence (every
/// start and end takes the next one), so "ended before" is a comparison of marks; 0 means never.
/// </summary>
public sealed class NodeProbe
{
    internal NodeProbe()
    {
    }

    long start, end;
    int succeeded, sawCancellation, liveAtEnd, live, step, insideSpawnOf = -1;
    object? injected, contextAtStart, contextAfterStart;

    /// <summary>The node's start mark (0: it never started).</summary>
    public long Start => Volatile.Read(ref start);

    /// <summary>The node's end mark (0: it never ended).</summary>
    public long End => Volatile.Read(ref end);

    /// <summary>True once the node started.</summary>
    public bool Started => Start != 0;

    /// <summary>True once the node ended.</summary>
    public bool Ended => End != 0;

    /// <summary>True when the node gave its value (a leaf or a spawner that succeeded).</summary>
    public bool Succeeded => Volatile.Read(ref succeeded) == 1;

    /// <summary>True when the node's token was cancelled when it ended: it saw the cancellation.</summary>
    public bool SawCancellation => Volatile.Read(ref sawCancellation) == 1;

    /// <summary>The failure the node injected (an <see cref="InjectedError"/> or <see cref="InjectedException"/>),
    /// or null: only failures that actually ran are here.</summary>
    public object? Injected => Volatile.Read(ref injected);

    /// <summary>For a group: how many members below it were still running when its effect ended (must be 0, G1).</summary>
    public int LiveAtEnd => Volatile.Read(ref liveAtEnd);

    /// <summary>The clock's step when the node started.</summary>
    public int StartStep => Volatile.Read(ref step);

    /// <summary>G16: the context mark the node saw as it started (null: none, or never started).</summary>
    internal object? ContextAtStart => Volatile.Read(ref contextAtStart);

    /// <summary>G16: for a node that did not keep its own mark through its synchronous start (a child's write reached
    /// it), the mark it had then; null otherwise.</summary>
    internal object? ContextAfterStart => Volatile.Read(ref contextAfterStart);

    /// <summary>G17: the spawned member inside whose <c>Spawn</c> call this node started, or -1.</summary>
    internal int InsideSpawnOf => Volatile.Read(ref insideSpawnOf);

    internal void MarkContext(object? atStart) => Volatile.Write(ref contextAtStart, atStart);

    internal void MarkContextLost(object? afterStart) => Volatile.Write(ref contextAfterStart, afterStart ?? new ContextProbe.Mark(0, -1));

    internal void MarkInsideSpawnOf(int spawned) => Volatile.Write(ref insideSpawnOf, spawned);

    internal void MarkStart(long mark, int now)
    {
        Volatile.Write(ref step, now);
        Volatile.Write(ref start, mark);
    }

    internal void MarkEnd(long mark, bool cancelled)
    {
        Volatile.Write(ref sawCancellation, cancelled ? 1 : 0);
        Volatile.Write(ref end, mark);
    }

    internal void MarkGroupEnd(long mark)
    {
        Volatile.Write(ref liveAtEnd, Volatile.Read(ref live));
        Volatile.Write(ref end, mark);
    }

    internal void MarkSucceeded() => Volatile.Write(ref succeeded, 1);

    internal void MarkInjected(object failure) => Volatile.Write(ref injected, failure);

    internal void MemberStarted() => Interlocked.Increment(ref live);

    internal void MemberEnded() => Interlocked.Decrement(ref live);
}

/// <summary>One spawn in a scope: who spawned what, whether the scope was already shutting down just before, and
/// whether the spawn was refused.</summary>
/// <param name="Scope">The scope's node.</param>
/// <param name="Spawner">The node that spawned (the scope's node for its body).</param>
/// <param name="Node">The spawned node.</param>
/// <param name="ShuttingDownBefore">The scope said it was shutting down just before the spawn.</param>
/// <param name="Refusal">The refusal, or null when the child was accepted.</param>
public sealed record SpawnAttempt(int Scope, int Spawner, int Node, bool ShuttingDownBefore, LanguageExt.Common.Error? Refusal);
