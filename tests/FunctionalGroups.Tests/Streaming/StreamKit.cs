using System.Runtime.CompilerServices;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>Sources that count what is pulled from them, and items held by gates: the streaming tests' tools.</summary>
internal sealed class CountingSource(int count, Func<int, Exception?>? throwAt = null, Exception? throwOnDispose = null)
    : IEnumerable<int>, IAsyncEnumerable<int>
{
    int pulled, enumerations, disposed;

    /// <summary>Items handed out so far (over every enumeration).</summary>
    public int Pulled => Volatile.Read(ref pulled);

    public int Enumerations => Volatile.Read(ref enumerations);

    public int Disposed => Volatile.Read(ref disposed);

    /// <summary>An unbounded source.</summary>
    public static CountingSource Endless() => new(int.MaxValue);

    public IEnumerator<int> GetEnumerator()
    {
        Interlocked.Increment(ref enumerations);
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (throwAt?.Invoke(i) is { } e) throw e;
                Interlocked.Increment(ref pulled);
                yield return i;
            }
        }
        finally
        {
            Interlocked.Increment(ref disposed);
            if (throwOnDispose is not null) throw throwOnDispose;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public async IAsyncEnumerator<int> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref enumerations);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await PoolYield.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                if (throwAt?.Invoke(i) is { } e) throw e;
                Interlocked.Increment(ref pulled);
                yield return i;
            }
        }
        finally
        {
            Interlocked.Increment(ref disposed);
            if (throwOnDispose is not null) throw throwOnDispose;
        }
    }

    /// <summary>This source as an <see cref="IAsyncEnumerable{T}"/> only (so overloads pick the asynchronous form).</summary>
    public IAsyncEnumerable<int> Async() => this;

    /// <summary>This source as an <see cref="IEnumerable{T}"/> only.</summary>
    public IEnumerable<int> Sync() => this;
}

/// <summary>Per-item gates: item i's child signals <see cref="Started"/>[i], then waits for <see cref="Release"/>[i].</summary>
internal sealed class ItemGates(int count)
{
    public readonly TaskCompletionSource[] Started = Enumerable.Range(0, count).Select(_ => Kids.Gate()).ToArray();
    public readonly TaskCompletionSource[] Release = Enumerable.Range(0, count).Select(_ => Kids.Gate()).ToArray();
    public readonly TaskCompletionSource[] SawCancel = Enumerable.Range(0, count).Select(_ => Kids.Gate()).ToArray();
    int ended;

    /// <summary>Children that have ended, whatever their outcome.</summary>
    public int Ended => Volatile.Read(ref ended);

    /// <summary>Item i's task body: observes its token (ends cancelled), gives i once released.</summary>
    public async Task<int> Body(int i, CancellationToken ct)
    {
        try
        {
            Started[i].TrySetResult();
            using var _ = ct.Register(() => SawCancel[i].TrySetResult());
            await Release[i].Task.WaitAsync(ct).ConfigureAwait(false);
            return i;
        }
        finally
        {
            Interlocked.Increment(ref ended);
        }
    }

    /// <summary>Item i's body that ignores its token: it ends only when released.</summary>
    public async Task<int> Stubborn(int i, CancellationToken ct)
    {
        try
        {
            Started[i].TrySetResult();
            using var _ = ct.Register(() => SawCancel[i].TrySetResult());
            await Release[i].Task.ConfigureAwait(false);
            return i;
        }
        finally
        {
            Interlocked.Increment(ref ended);
        }
    }

    public Aff<GroupRuntime, int> Child(int i) => FunctionalGroups.Child.FromTask(ct => Body(i, ct));
}

internal static class StreamKit
{
    public static GroupOptions Limit(int n) => GroupOptions.Default with { MaxParallelism = n };

    /// <summary>Every element of <paramref name="stream"/>, in order.</summary>
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> stream, CancellationToken ct = default)
    {
        var all = new List<T>();
        await foreach (var x in stream.WithCancellation(ct).ConfigureAwait(false)) all.Add(x);
        return all;
    }

    /// <summary>An async source that yields nothing until cancelled, then throws the group's cancellation.</summary>
    public static async IAsyncEnumerable<int> HangingSource([EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        yield return 0;
    }
}
