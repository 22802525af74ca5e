namespace FunctionalGroups.Tests.Support;

/// <summary>Children for the rule tests, coordinated with gates and counters, never with sleeps.</summary>
internal static class Kids
{
    /// <summary>Yields once, then gives <paramref name="value"/>.</summary>
    public static Aff<GroupRuntime, int> Ok(int value, Probe? probe = null) =>
        Child.FromTask(async ct =>
        {
            using var _ = probe?.Enter();
            await PoolYield.Yield();
            return value;
        });

    /// <summary>Yields <paramref name="yields"/> times (not observing the token), then fails with <paramref name="error"/>.</summary>
    public static Aff<GroupRuntime, int> Fails(Exception error, int yields = 1, Probe? probe = null) =>
        Child.FromTask<int>(async ct =>
        {
            using var _ = probe?.Enter();
            for (var i = 0; i < yields; i++) await PoolYield.Yield();
            throw error;
        });

    /// <summary>Fails with the error value <paramref name="error"/> after one yield (not observing the token).</summary>
    public static Aff<GroupRuntime, int> FailsWith(Error error) =>
        Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            await PoolYield.Yield();
            return Fin<int>.Fail(error);
        });

    /// <summary>Fails once <paramref name="gate"/> opens.</summary>
    public static Aff<GroupRuntime, int> FailsAt(Task gate, Exception error, Probe? probe = null) =>
        Child.FromTask<int>(async ct =>
        {
            using var _ = probe?.Enter();
            await gate.ConfigureAwait(false);
            throw error;
        });

    /// <summary>Opens <paramref name="started"/> as it starts, then waits until it is cancelled.</summary>
    public static Aff<GroupRuntime, int> StartsThenHangs(TaskCompletionSource started) =>
        Child.FromTask(async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            return 0;
        });

    /// <summary>Waits until cancelled; records that it saw the cancellation.</summary>
    public static Aff<GroupRuntime, int> Hangs(Probe? probe = null) =>
        Child.FromTask(async ct =>
        {
            using var _ = probe?.Enter();
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return -1;
            }
            catch (OperationCanceledException)
            {
                probe?.SawCancellation();
                throw;
            }
        });

    /// <summary>Waits until cancelled, then fails with <paramref name="cleanup"/>: cleanup code failing.</summary>
    public static Aff<GroupRuntime, int> FailsWhenCancelled(Exception cleanup) =>
        Child.FromTask<int>(async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException)
            {
                throw cleanup;
            }
        });

    /// <summary>Ignores its token: waits for <paramref name="release"/>, then gives <paramref name="value"/>.
    /// Signals <paramref name="cancelled"/> when its token is cancelled, without reacting to it.</summary>
    public static Aff<GroupRuntime, int> IgnoresCancellation(Task release, int value, TaskCompletionSource? cancelled = null, Probe? probe = null) =>
        Child.FromTask(async ct =>
        {
            using var _ = probe?.Enter();
            using var registration = ct.Register(() => cancelled?.TrySetResult());
            await release.ConfigureAwait(false);
            return value;
        });

    /// <summary>A fresh gate whose continuations run asynchronously (so opening it never runs a child inline).</summary>
    public static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
