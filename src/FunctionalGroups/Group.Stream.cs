using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

// Group.Stream and Group.StreamUnordered: a traversal whose values go to an IAsyncEnumerable as they are ready (rules
// S1-S6), Akka's mapAsync / mapAsyncUnordered and ZIO's mapZIOPar / mapZIOParUnordered, structured: the enumeration
// owns its children, and leaving it cancels and joins them.
public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="f"/> over the items of <paramref name="source"/> in parallel and gives the values in source
    /// order as they can be given (Akka's <c>mapAsync</c>, ZIO's <c>mapZIOPar</c>). The source is pulled one item at a
    /// time as the group admits one (S1): under <see cref="GroupOptions.MaxParallelism"/>, and only while the item is
    /// within <paramref name="window"/> of the oldest value the consumer has not taken yet: when that head-of-line item
    /// is slow, at most <paramref name="window"/> items (it included) are pulled, running or waiting their turn.
    /// </summary>
    /// <remarks>
    /// <para>The enumerable is a value (G8): each <c>await foreach</c> runs the group again, and the run starts with the
    /// first <c>MoveNextAsync</c>, under <paramref name="runtime"/>; the enumerator's token
    /// (<c>WithCancellation</c>) cancels it too.</para>
    /// <para>The first real failure (a child's, or the source's: S3) cancels the rest (S2); nothing more is given, and the
    /// enumeration ends, once every child has ended, with a <see cref="GroupException"/> holding every failure (S4). A
    /// cancellation ends it with an <see cref="OperationCanceledException"/>, the timeout with <c>Errors.TimedOut</c>'s
    /// exception. Leaving early (<c>break</c>, an exception, <c>DisposeAsync</c>) cancels the children still running and
    /// waits for them before <c>DisposeAsync</c> returns; a real failure raised meanwhile (cleanup code) is thrown from
    /// it (S5).</para>
    /// </remarks>
    /// <example><code>
    /// await foreach (var page in Group.Stream(urls, url =&gt; Child.FromTask(ct =&gt; Fetch(url, ct)), runtime, window: 32,
    ///                    GroupOptions.Default with { MaxParallelism = 16 }))
    ///     await Save(page);   // in url order; a slow Save holds back the pulling (backpressure)
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static IAsyncEnumerable<A> Stream<RT, T, A>(IAsyncEnumerable<T> source, Func<T, Aff<RT, A>> f, RT runtime, int window, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Ordered(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), runtime, window, options);
    }

    /// <inheritdoc cref="Stream{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, RT, int, GroupOptions)"/>
    public static IAsyncEnumerable<A> Stream<RT, T, A>(IEnumerable<T> source, Func<T, Aff<RT, A>> f, RT runtime, int window, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Ordered(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), runtime, window, options);
    }

    /// <summary>
    /// <see cref="Stream{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, RT, int, GroupOptions)"/> on the shipped
    /// runtime, with a task function called with the item and the group's token: cancel it through the enumerator's
    /// token (<c>WithCancellation</c>).
    /// </summary>
    /// <example><code>
    /// await foreach (var page in Group.Stream(urls, (url, ct) =&gt; Fetch(url, ct), window: 32,
    ///                    GroupOptions.Default with { MaxParallelism = 16 }).WithCancellation(ct))
    ///     Console.WriteLine(page.Title);
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static IAsyncEnumerable<A> Stream<T, A>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, int window, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Ordered(Feed<T>.Of(source), ItemStart<GroupRuntime, T, A>.Of(f), GroupRuntime.Uncancellable, window, options);
    }

    /// <inheritdoc cref="Stream{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, int, GroupOptions)"/>
    public static IAsyncEnumerable<A> Stream<T, A>(IEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, int window, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Ordered(Feed<T>.Of(source), ItemStart<GroupRuntime, T, A>.Of(f), GroupRuntime.Uncancellable, window, options);
    }

    /// <inheritdoc cref="Stream{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, int, GroupOptions)"/>
    public static IAsyncEnumerable<A> Stream<T, A>(IAsyncEnumerable<T> source, Func<T, Aff<GroupRuntime, A>> f, int window, GroupOptions options) =>
        Stream(source, f, GroupRuntime.Uncancellable, window, options);

    /// <inheritdoc cref="Stream{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, int, GroupOptions)"/>
    public static IAsyncEnumerable<A> Stream<T, A>(IEnumerable<T> source, Func<T, Aff<GroupRuntime, A>> f, int window, GroupOptions options) =>
        Stream(source, f, GroupRuntime.Uncancellable, window, options);

    /// <summary>
    /// Runs <paramref name="f"/> over the items of <paramref name="source"/> in parallel and gives each value as soon as it
    /// is ready, in completion order, with its item's position (Akka's <c>mapAsyncUnordered</c>, ZIO's
    /// <c>mapZIOParUnordered</c>). An item counts against <see cref="GroupOptions.MaxParallelism"/> from its pull until the
    /// consumer took its value (S1): a slow consumer holds back the pulling, and nothing piles up. The limit is required:
    /// without one, a fast source would be pulled without bound.
    /// </summary>
    /// <remarks>The rest is <see cref="Stream{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, RT, int, GroupOptions)"/>'s:
    /// a value run again per enumeration (G8), fail-fast with a <see cref="GroupException"/> at the end (S4), leaving early
    /// cancels and joins (S5).</remarks>
    /// <example><code>
    /// var options = GroupOptions.Default with { MaxParallelism = 16 };
    /// await foreach (var done in Group.StreamUnordered(ids, id =&gt; Child.FromTask(ct =&gt; Load(id, ct)), runtime, options))
    ///     Console.WriteLine($"item {done.Index}: {done.Value}");
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> sets no <see cref="GroupOptions.MaxParallelism"/>.</exception>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<RT, T, A>(IAsyncEnumerable<T> source, Func<T, Aff<RT, A>> f, RT runtime, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Unordered(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), runtime, options);
    }

    /// <inheritdoc cref="StreamUnordered{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<RT, T, A>(IEnumerable<T> source, Func<T, Aff<RT, A>> f, RT runtime, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Unordered(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), runtime, options);
    }

    /// <summary><see cref="StreamUnordered{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, RT, GroupOptions)"/> on the
    /// shipped runtime, with a task function called with the item and the group's token: cancel it through the
    /// enumerator's token (<c>WithCancellation</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> sets no <see cref="GroupOptions.MaxParallelism"/>.</exception>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<T, A>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Unordered(Feed<T>.Of(source), ItemStart<GroupRuntime, T, A>.Of(f), GroupRuntime.Uncancellable, options);
    }

    /// <inheritdoc cref="StreamUnordered{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<T, A>(IEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Unordered(Feed<T>.Of(source), ItemStart<GroupRuntime, T, A>.Of(f), GroupRuntime.Uncancellable, options);
    }

    /// <inheritdoc cref="StreamUnordered{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<T, A>(IAsyncEnumerable<T> source, Func<T, Aff<GroupRuntime, A>> f, GroupOptions options) =>
        StreamUnordered(source, f, GroupRuntime.Uncancellable, options);

    /// <inheritdoc cref="StreamUnordered{T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> StreamUnordered<T, A>(IEnumerable<T> source, Func<T, Aff<GroupRuntime, A>> f, GroupOptions options) =>
        StreamUnordered(source, f, GroupRuntime.Uncancellable, options);

    static IAsyncEnumerable<A> Ordered<RT, T, A>(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, RT runtime, int window, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return new StreamEnumerable<RT, T, A, A>(
            () => new StreamRun<RT, T, A>(open, start, options, StreamOrder.Ordered, window), runtime, static (_, value) => (A)value);
    }

    static IAsyncEnumerable<Completed<A>> Unordered<RT, T, A>(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, RT runtime, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxParallelism is null)
            throw new ArgumentException(
                $"An unordered stream needs {nameof(GroupOptions.MaxParallelism)}: it bounds the items pulled and not yet taken, so that a slow consumer holds back the source (rule S1).",
                nameof(options));
        return new StreamEnumerable<RT, T, A, Completed<A>>(
            () => new StreamRun<RT, T, A>(open, start, options, StreamOrder.Unordered, window: 0), runtime,
            static (index, value) => new Completed<A>(index, null, (A)value));
    }
}
