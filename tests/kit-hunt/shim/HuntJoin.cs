namespace FunctionalGroups.Engine;

/// <summary>
/// Runtime shim for the hunt only (tests/kit-hunt/old-engine.sh copies it into a temporary copy of an old engine whose
/// <c>ChildHandle</c> joins with <c>outcome.Task.WaitAsync(token)</c>, and rewrites those two lines to call this):
/// the old engine's join, with one change, where its continuation runs. Without a driver's scheduler it is exactly the
/// old code (the outcome's continuations asynchronous, <c>WaitAsync</c>). Under one (the kit's step clock), the joiner
/// resumes on the scheduler's turn instead of the thread pool, as the current engine's <c>ChildHandle</c> does, so a
/// run with joins replays on the clock's thread. What the join gives is decided as <c>WaitAsync</c> decides it:
/// whichever comes first, the child's end or the joiner's cancellation, at the moment it happens (a cancellation that
/// comes first gives a <see cref="TaskCanceledException"/> even if the child ends before the joiner resumes).
/// </summary>
internal static class HuntJoin
{
    /// <summary>The options of a handle's outcome: as the old engine made them, or synchronous continuations under a
    /// scheduler (the only continuation is then <see cref="Wait{T}"/>'s, which hands the resumption to the scheduler).</summary>
    public static TaskCreationOptions Options =>
        Later.Scheduler.Value is null ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None;

    public static Task<T> Wait<T>(TaskCompletionSource<T> outcome, CancellationToken token)
    {
        if (Later.Scheduler.Value is not { } schedule || outcome.Task.IsCompleted || token.IsCancellationRequested)
            return outcome.Task.WaitAsync(token);
        var resumed = new TaskCompletionSource<T>();
        var decided = 0;
        CancellationTokenRegistration registration = default;
        outcome.Task.ContinueWith(t =>
        {
            if (Interlocked.Exchange(ref decided, 1) == 0)
                schedule(_ =>
                {
                    registration.Dispose();
                    resumed.SetResult(t.Result);
                }, null);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (token.CanBeCanceled)
            registration = token.UnsafeRegister(_ =>
            {
                if (Interlocked.Exchange(ref decided, 1) == 0)
                    schedule(_ => resumed.SetException(new TaskCanceledException("A task was canceled.", null, token)), null);
            }, null);
        return resumed.Task;
    }
}
