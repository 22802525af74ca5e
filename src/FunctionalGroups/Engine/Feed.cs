namespace FunctionalGroups.Engine;

/// <summary>
/// One run's pull of a traversal's source, a lazy <see cref="IEnumerable{T}"/> or an <see cref="IAsyncEnumerable{T}"/>,
/// behind one shape. Only the feeder of a <see cref="FeedRun{RT, T, A, R}"/> calls it, one call at a time, so a source's
/// <c>MoveNextAsync</c> is never awaited by two pullers. Any call may throw: the feeder makes that a real failure of
/// the group (G3).
/// </summary>
internal abstract class Feed<T>
{
    /// <summary>Asks the source for its next item; false once it has no more.</summary>
    public abstract ValueTask<bool> MoveNextAsync();

    /// <summary>The item the last successful <see cref="MoveNextAsync"/> gave.</summary>
    public abstract T Current { get; }

    /// <summary>Disposes the source's enumerator (on every path, once).</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Opens a lazy source, once per run (G8: each run enumerates it again). A synchronous
    /// <c>MoveNext</c> runs on the feeder's thread and cannot be cancelled while it runs.</summary>
    public static Func<CancellationToken, Feed<T>> Of(IEnumerable<T> source) =>
        _ => new Sync(source.GetEnumerator());

    /// <summary>Opens an asynchronous source, once per run, with the group's token (its
    /// <c>[EnumeratorCancellation]</c> parameter sees the group's shutdown).</summary>
    public static Func<CancellationToken, Feed<T>> Of(IAsyncEnumerable<T> source) =>
        token => new Async(source.GetAsyncEnumerator(token));

    sealed class Sync(IEnumerator<T> items) : Feed<T>
    {
        public override ValueTask<bool> MoveNextAsync() => new(items.MoveNext());

        public override T Current => items.Current;

        public override ValueTask DisposeAsync()
        {
            items.Dispose();
            return default;
        }
    }

    sealed class Async(IAsyncEnumerator<T> items) : Feed<T>
    {
        public override ValueTask<bool> MoveNextAsync() => items.MoveNextAsync();

        public override T Current => items.Current;

        public override ValueTask DisposeAsync() => items.DisposeAsync();
    }
}
