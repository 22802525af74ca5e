namespace FunctionalGroups.Engine;

/// <summary>
/// Every hand-off of the engine's own work to the thread pool goes through here:
/// <list type="bullet">
/// <item>a spawn that must not run on the spawner's turn (G17): a child spawned from inside another member's
/// synchronous prefix, or the drain that may start it; like asyncio's <c>create_task</c>, which schedules on the
/// running loop;</item>
/// <item>a move to a fresh stack when the stack runs low (G14): a deferred cancel or drain, a deferred completion, a
/// scope body or spawned child started deep in a nest;</item>
/// <item>a scope's children when the user asked for <see cref="GroupOptions.StartOnThreadPool"/>.</item>
/// </list>
/// Under a driver's <see cref="Scheduler"/> only, one more hand-off goes to it: a joiner's resumption
/// (<c>ChildHandle</c>, given the scheduler that <c>ScopeRun</c> reads once per run). Without a scheduler a join resumes
/// on the thread pool through the handle's own asynchronous continuations, as it always did: nothing is added there.
/// A driver that must own every interleaving installs its own <see cref="Scheduler"/> for the runs it drives: the
/// testing kit's step clock (one thread, a replayable order) and the systematic tests, which hand the work to a task
/// Coyote controls (the thread pool itself is outside its control). Only <c>GroupRun</c>'s
/// <c>StartOnThreadPool</c> queues to the pool directly: it flows the caller's context with the work item.
/// </summary>
internal static class Later
{
    /// <summary>
    /// The scheduler of the run in progress, if its driver installed one: it flows with the
    /// <see cref="ExecutionContext"/>, so every member of a run started under it uses it. (Not a
    /// <see cref="SynchronizationContext"/>: a custom context made current would stop .NET from running task
    /// continuations inline, and change the very order a driver wants to replay.)
    /// </summary>
    internal static readonly AsyncLocal<Action<Action<object?>, object?>?> Scheduler = new();

    public static void Run<T>(Action<T> work, T state)
    {
        if (Scheduler.Value is { } schedule)
            schedule(static s =>
            {
                var (w, st) = ((Action<T>, T))s!;
                w(st);
            }, (work, state));
        else
            ThreadPool.UnsafeQueueUserWorkItem(work, state, preferLocal: false);
    }
}
