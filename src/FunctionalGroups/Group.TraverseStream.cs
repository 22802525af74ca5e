using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

// Group.TraverseStream: Traverse over a source pulled as slots free up (rules S1-S3), for a lazy or unbounded
// IEnumerable and for IAsyncEnumerable. Group.Traverse keeps its contract (the items are read into an array when the
// effect is built); this is the streaming form, as ZIO's ZStream.mapZIOPar is beside ZIO.foreachPar.
public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="f"/> over the items of <paramref name="source"/> in parallel, pulling an item only when a slot
    /// is free (S1): with <see cref="GroupOptions.MaxParallelism"/> = 16, at most 16 items are pulled and unfinished at any
    /// time, whatever the source's length, and after the first failure no item is pulled (S2). The rules of
    /// <see cref="All{RT, A}(Seq{Aff{RT, A}})"/> hold: values in source order, every failure reported (a source that
    /// throws, in <c>MoveNext</c>, <c>Current</c> or <c>Dispose</c>, is a failure named <c>"source"</c>: S3), join-all.
    /// The result holds every value, so the items' values are what grows; the items in flight do not.
    /// </summary>
    /// <remarks>
    /// Unlike <see cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>, which reads its items
    /// into an array when the effect is built, this reads nothing until it runs, and each run enumerates the source
    /// again (G8): a source that can be enumerated once runs once. With no parallelism limit every item is pulled at once.
    /// </remarks>
    /// <example><code>
    /// IEnumerable&lt;int&gt; ids = ReadIdsLazily();   // never held in memory
    /// var all = Group.TraverseStream(ids, id =&gt; Child.FromTask(ct =&gt; Load(id, ct)),
    ///     GroupOptions.Default with { MaxParallelism = 16 });
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IEnumerable<T> source, Func<T, Aff<RT, A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Collect(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), options);
    }

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IEnumerable<T> source, Func<T, Aff<RT, A>> f)
        where RT : struct, HasCancel<RT> =>
        TraverseStream(source, f, GroupOptions.Default);

    /// <summary>
    /// <see cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/> over an asynchronous
    /// source: one <c>MoveNextAsync</c> at a time, awaited only when a slot is free; the source's enumerator gets the
    /// group's token, so its <c>[EnumeratorCancellation]</c> parameter sees the group's shutdown.
    /// </summary>
    /// <example><code>
    /// var all = Group.TraverseStream(ReadRowsAsync(), row =&gt; Child.FromTask(ct =&gt; Save(row, ct)),
    ///     GroupOptions.Default with { MaxParallelism = 16 });
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IAsyncEnumerable<T> source, Func<T, Aff<RT, A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Collect(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), options);
    }

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IAsyncEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IAsyncEnumerable<T> source, Func<T, Aff<RT, A>> f)
        where RT : struct, HasCancel<RT> =>
        TraverseStream(source, f, GroupOptions.Default);

    /// <summary>
    /// <see cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/> with a task function,
    /// called with the item and the group's token as the item starts (the cheapest form: no effect per item), like
    /// <c>Parallel.ForEachAsync</c> with values, fail-fast and every failure reported.
    /// </summary>
    /// <example><code>
    /// Fin&lt;Seq&lt;Page&gt;&gt; pages = await Group.TraverseStream(urls, (url, ct) =&gt; Fetch(url, ct),
    ///     GroupOptions.Default with { MaxParallelism = 16 }).RunAsync(ct);
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Collect(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), options);
    }

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> TraverseStream<RT, T, A>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(f);
        return Collect(Feed<T>.Of(source), ItemStart<RT, T, A>.Of(f), options);
    }

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> TraverseStream<T, A>(IEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options) =>
        TraverseStream<GroupRuntime, T, A>(source, f, options);

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> TraverseStream<T, A>(IEnumerable<T> source, Func<T, CancellationToken, Task<A>> f) =>
        TraverseStream<GroupRuntime, T, A>(source, f, GroupOptions.Default);

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> TraverseStream<T, A>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<A>> f, GroupOptions options) =>
        TraverseStream<GroupRuntime, T, A>(source, f, options);

    /// <inheritdoc cref="TraverseStream{RT, T, A}(IAsyncEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> TraverseStream<T, A>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<A>> f) =>
        TraverseStream<GroupRuntime, T, A>(source, f, GroupOptions.Default);

    /// <summary>Runs the runtime-free <paramref name="f"/> over the items of <paramref name="source"/> under the rules of
    /// <see cref="TraverseStream{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>; the children cannot be
    /// cancelled, so after a failure the feed stops and the group waits for those running.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<Seq<A>> TraverseStream<T, A>(IEnumerable<T> source, Func<T, Aff<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Free(TraverseStream<GroupRuntime, T, A>(source, item => Lift(f(item)), options));
    }

    /// <inheritdoc cref="TraverseStream{T, A}(IEnumerable{T}, Func{T, Aff{A}}, GroupOptions)"/>
    public static Aff<Seq<A>> TraverseStream<T, A>(IEnumerable<T> source, Func<T, Aff<A>> f) =>
        TraverseStream(source, f, GroupOptions.Default);

    /// <inheritdoc cref="TraverseStream{T, A}(IEnumerable{T}, Func{T, Aff{A}}, GroupOptions)"/>
    public static Aff<Seq<A>> TraverseStream<T, A>(IAsyncEnumerable<T> source, Func<T, Aff<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Free(TraverseStream<GroupRuntime, T, A>(source, item => Lift(f(item)), options));
    }

    /// <inheritdoc cref="TraverseStream{T, A}(IEnumerable{T}, Func{T, Aff{A}}, GroupOptions)"/>
    public static Aff<Seq<A>> TraverseStream<T, A>(IAsyncEnumerable<T> source, Func<T, Aff<A>> f) =>
        TraverseStream(source, f, GroupOptions.Default);

    static Aff<RT, Seq<A>> Collect<RT, T, A>(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(options);
        // G8: nothing runs (nor is read) here; each run opens the source again and makes its own engine.
        return Aff<RT, Seq<A>>.EffectMaybe(rt => new CollectRun<RT, T, A>(open, start, options).Start(rt));
    }
}
