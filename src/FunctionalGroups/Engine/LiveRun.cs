using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using LanguageExt;

namespace FunctionalGroups.Engine;

/// <summary>
/// What the live tree (<see cref="RunRegistry"/>) and who-cancelled-whom need of a run, whatever its policy and types:
/// its place in the registry, when it started, where it was started from, and what cancelled it.
/// <list type="bullet">
/// <item><b>Registry links</b> (<see cref="Previous"/>, <see cref="Next"/>, <see cref="Stripe"/>): written only under the
/// stripe's lock, by <see cref="RunRegistry.Add"/> and <see cref="RunRegistry.Remove"/>.</item>
/// <item><b>Start</b> (<see cref="StartedAt"/>, <see cref="OpenedUnder"/>, <see cref="OpenedIn"/>, <see cref="Span"/>):
/// written once by the starting thread before the run is added to the registry; read by snapshots after.</item>
/// <item><b>The cause</b> (<see cref="cause"/>): set once, by the first canceller, before it cancels the source, so a
/// member that ends cancelled (and the conclusion, after the last share) sees it.</item>
/// </list>
/// </summary>
internal abstract class LiveRun
{
    static long lastId;

    internal LiveRun? Previous;
    internal LiveRun? Next;
    internal object? Stripe;

    /// <summary>A number for this run, unique in the process (the tree's and the spans' group id).</summary>
    internal readonly long Id = Interlocked.Increment(ref lastId);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the run opened.</summary>
    internal long StartedAt;

    /// <summary>
    /// The run whose member's code opened this run, if any: the run in which this one is nested. Every run puts its tag
    /// in the context its members start in (<see cref="CaptureForMembers"/>), so a run opened by a member's code, after
    /// any number of awaits and through <c>RunAsync</c>, reads the enclosing run here. A tag, not the run: a context that
    /// outlives the run (a task a child left behind) keeps only the tag alive, and the tag lets go of its run at the end.
    /// </summary>
    internal RunTag? OpenedUnder;

    /// <summary>
    /// The fixed-list child of <see cref="OpenedUnder"/> whose synchronous start opened this run, or -1: a group a child
    /// starts before its first await is known to be that child's. (Later, only the enclosing run is known, unless spans
    /// are on; a context per child would cost every child.)
    /// </summary>
    internal int OpenedInChild = -1;

    // The fixed-list child whose synchronous start this thread is running now (GroupRun.Begin): set around the start,
    // the previous values put back after it (a child's start may start a nested group's children).
    [ThreadStatic] static LiveRun? startingRun;
    [ThreadStatic] static int startingIndex;

    /// <summary>Notes that this thread runs child <paramref name="index"/>'s synchronous start; returns what to put back.</summary>
    internal (LiveRun? Run, int Index) EnterChildStart(int index)
    {
        var before = (startingRun, startingIndex);
        startingRun = this;
        startingIndex = index;
        return before;
    }

    /// <summary>The child's synchronous start returned: what <see cref="EnterChildStart"/> gave is put back.</summary>
    internal static void LeaveChildStart((LiveRun? Run, int Index) before) => (startingRun, startingIndex) = before;

    /// <summary>The child of the enclosing run whose start is running on this thread, if it is that run's.</summary>
    private protected int StartingChildOf(LiveRun? enclosing) =>
        enclosing is not null && ReferenceEquals(startingRun, enclosing) ? startingIndex : -1;

    /// <summary>This run's tag in its members' context; null when the live tree is off or the flow was suppressed.</summary>
    internal RunTag? Tag;

    /// <summary>A run as the context of its members knows it: cleared (<see cref="Run"/> null) when the run ends.</summary>
    internal sealed class RunTag(LiveRun run)
    {
        public volatile LiveRun? Run = run;
    }

    static readonly AsyncLocal<RunTag?> enclosing = new();

    /// <summary>The tag of the run whose member runs the calling code; null outside every run.</summary>
    internal static RunTag? Enclosing => enclosing.Value;

    /// <summary>
    /// Captures the caller's context for the members to start in, with this run's tag in it (the live tree's nesting);
    /// the caller's own context is left as it was. Without the live tree, the context as it is. Null when the caller
    /// suppressed the flow.
    /// </summary>
    internal ExecutionContext? CaptureForMembers()
    {
        // Capture gives null when the flow is suppressed: then there is no context to put the tag in.
        var callers = ExecutionContext.Capture();
        if (!RunRegistry.Enabled || callers is null) return callers;
        var before = enclosing.Value;
        enclosing.Value = Tag = new RunTag(this);
        var context = ExecutionContext.Capture();
        enclosing.Value = before;
        return context;
    }

    /// <summary>The scope member (of an enclosing scope) whose code started this run; null outside scopes.</summary>
    internal ScopeMember? OpenedIn;

    /// <summary>The run's span while someone listens to the <c>FunctionalGroups</c> source; else null.</summary>
    internal Activity? Span;

    // A CancelReason, 0 until the first cancel: compare-and-set, the first wins.
    int cause;

    // For CancelReason.Failure: the member whose failure shut the run down (-1: no member, an orphan failure).
    int causeIndex = -1;
    string? causeName;

    /// <summary>
    /// What cancelled the run; null when nothing did. A token cancelled with no cause recorded was cancelled from
    /// inside, through the runtime the members were given (<see cref="CancelReason.Runtime"/>).
    /// </summary>
    internal CancelReason? Cause =>
        Volatile.Read(ref cause) is var c and > 0 ? (CancelReason)c
        : OwnToken.IsCancellationRequested ? CancelReason.Runtime
        : null;

    /// <summary>For <see cref="CancelReason.Failure"/>, the member whose failure shut the run down; else null.</summary>
    internal CancelledChild? CauseMember =>
        Cause == CancelReason.Failure && causeIndex >= 0 ? new CancelledChild(causeIndex, causeName, true) : null;

    /// <summary>Records the cause of a cancel about to happen; only the first call counts. Call before cancelling.</summary>
    internal void NoteCause(CancelReason reason, int index = -1, string? name = null)
    {
        if (Volatile.Read(ref cause) != 0) return;
        // The member is written before the reason is published: a reader that sees Failure sees its member.
        if (Interlocked.CompareExchange(ref cause, -1, 0) != 0) return;
        // Every canceller of the engine notes its cause before it cancels, so a token cancelled already with no cause
        // noted was cancelled from inside, through the runtime: that cancel came first, and it wins (a failure it
        // caused, such as a cleanup that throws, is not what cancelled the group).
        if (OwnToken.IsCancellationRequested)
        {
            reason = CancelReason.Runtime;
            index = -1;
            name = null;
        }
        causeIndex = index;
        causeName = name;
        Volatile.Write(ref cause, (int)reason);
    }

    /// <summary>The options the run was started with (written by Open, before the run is registered).</summary>
    internal GroupOptions Options = GroupOptions.Default;

    /// <summary>The run's token (members share it): cancelled with no cause recorded, the runtime was cancelled from inside.</summary>
    internal abstract CancellationToken OwnToken { get; }

    /// <summary>A scope's lock and identity (<see cref="ScopeMember.Gate"/>); null for a fixed list.</summary>
    internal virtual object? ScopeGate => null;

    /// <summary>The policy's name: <c>All</c>, <c>Validate</c>, <c>Settle</c>, <c>Race</c>, <c>Traverse</c>, <c>Scope</c>.</summary>
    internal abstract string Policy { get; }

    /// <summary>This run as a node of the live tree (without nested runs, which the registry adds). Called on any
    /// thread while the run goes on: it reads the run's state as it is at that moment, without locks where the engine
    /// has none; a snapshot is a picture, not a transaction.</summary>
    internal abstract GroupNode Describe(long now);

    /// <summary>The age of something that started at <paramref name="timestamp"/>.</summary>
    internal static TimeSpan Age(long timestamp, long now) => Stopwatch.GetElapsedTime(timestamp, now);
}
