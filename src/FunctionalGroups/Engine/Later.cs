namespace FunctionalGroups.Engine;

/// <summary>
/// Work a spawn schedules instead of running it on the spawner's turn (G17): a child spawned from inside another
/// member's synchronous prefix, or the drain that may start it. Like asyncio's <c>create_task</c>, which schedules on
/// the running loop, it goes to the thread pool; a test driver that must keep a run on one thread in a replayable
/// order (the testing kit's step clock) installs its own <see cref="Scheduler"/> for the runs it drives.
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
        where T : class
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
