using Microsoft.Coyote.Specifications;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>The cancellers from outside a group that a scenario can race against it (G7, G18).</summary>
enum Outside
{
    /// <summary>Nothing from outside; only the children (a failure) or the scope itself cancel.</summary>
    None,
    /// <summary>The caller's token is cancelled by a concurrent task, at any point of the run.</summary>
    Parent,
    /// <summary>The group's timeout fires (<see cref="ControlledTime"/>), at any point of the run.</summary>
    Timeout,
    /// <summary>The group runs inside a parent <c>Group.All</c> whose other child fails, at any point.</summary>
    ParentGroup,
}

/// <summary>
/// A <see cref="TimeProvider"/> whose timers fire from a Coyote-controlled task at a point the scheduler chooses, so a
/// timeout is explored against every interleaving of the run it limits (a real timer fires on an uncontrolled
/// thread), including a firing that arrives after the run disposed its timer. <see cref="Fired"/> tells the laws
/// whether the callback ran.
/// </summary>
sealed class ControlledTime : TimeProvider
{
    readonly List<Task> firings = [];
    int fired;

    public bool Fired => Volatile.Read(ref fired) == 1;

    /// <summary>Every firing task, awaited by the scenario so no operation outlives its schedule.</summary>
    public Task Settled
    {
        get { lock (firings) return Task.WhenAll([.. firings]); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Specification.Assert(period == Timeout.InfiniteTimeSpan, "the group's timer is one-shot");
        var timer = new Timer();
        var firing = Task.Run(async () =>
        {
            await Task.Yield();
            if (timer.Disposed) return;
            // Like a real timer, whose callback already under way still runs after Dispose returned: the scheduler
            // may let the run conclude and dispose the timer between this check and the call.
            await Task.Yield();
            Interlocked.Exchange(ref fired, 1);
            callback(state);
        });
        lock (firings) firings.Add(firing);
        return timer;
    }

    sealed class Timer : ITimer
    {
        volatile bool disposed;

        public bool Disposed => disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => !disposed;

        public void Dispose() => disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
