using LanguageExt.Effects.Traits;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.CancelScopes;

/// <summary>A fake clock that counts the timers made on it and the ones disposed (C1: every timer disposed, every path).</summary>
internal sealed class CountingClock : TimeProvider
{
    public FakeTimeProvider Fake { get; } = new();

    int made;
    int disposed;

    public int Made => Volatile.Read(ref made);
    public int Disposed => Volatile.Read(ref disposed);

    public void Advance(TimeSpan by) => Fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();
    public override long GetTimestamp() => Fake.GetTimestamp();
    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref made);
        return new Counted(Fake.CreateTimer(callback, state, dueTime, period), this);
    }

    sealed class Counted(ITimer inner, CountingClock clock) : ITimer
    {
        int once;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref once, 1) == 0) Interlocked.Increment(ref clock.disposed);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}

/// <summary>A runtime that keeps every cancellation source its <c>LocalCancel</c> made, to see them disposed.</summary>
internal readonly struct TrackingRuntime(CancellationTokenSource source, List<CancellationTokenSource> made) : HasCancel<TrackingRuntime>
{
    public TrackingRuntime LocalCancel
    {
        get
        {
            var local = new CancellationTokenSource();
            lock (made) made.Add(local);
            return new TrackingRuntime(local, made);
        }
    }

    public CancellationToken CancellationToken => source.Token;
    public CancellationTokenSource CancellationTokenSource => source;

    /// <summary>True when <paramref name="source"/> has been disposed (its <c>Token</c> then throws).</summary>
    public static bool IsDisposed(CancellationTokenSource source)
    {
        try
        {
            _ = source.Token;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}

/// <summary>Effects for the cancel-scope facts, coordinated with gates, never with sleeps.</summary>
internal static class Scoped
{
    public static readonly TimeSpan Due = TimeSpan.FromSeconds(3);

    /// <summary>On cancellation, signals <paramref name="sawCancel"/>, then waits for <paramref name="release"/> before it
    /// ends with the token's cancellation: slow cleanup.</summary>
    public static Aff<RT, int> SlowToStop<RT>(TaskCompletionSource sawCancel, Task release) where RT : struct, HasCancel<RT> =>
        Child.FromTask<RT, int>(async ct =>
        {
            await Support.ScopeKit.WhenCancelled(ct).ConfigureAwait(false);
            sawCancel.TrySetResult();
            await release.ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return -1;
        });

    public static Aff<GroupRuntime, int> SlowToStop(TaskCompletionSource sawCancel, Task release) =>
        SlowToStop<GroupRuntime>(sawCancel, release);

    /// <summary>Waits until cancelled, then returns <paramref name="value"/>: swallows its cancellation.</summary>
    public static Aff<GroupRuntime, int> ReturnsWhenCancelled(int value) =>
        Child.FromTask(async ct =>
        {
            await Support.ScopeKit.WhenCancelled(ct).ConfigureAwait(false);
            return value;
        });

    /// <summary>Waits for <paramref name="release"/>, ignoring its token, then gives <paramref name="value"/>.</summary>
    public static Aff<GroupRuntime, int> After(Task release, int value) =>
        Child.FromTask(async _ =>
        {
            await release.ConfigureAwait(false);
            return value;
        });
}
