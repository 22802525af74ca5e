using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="f"/> over every item in parallel, like <c>Group.All(items.Map(f))</c> but streaming: a
    /// child is made only when it starts, so with <see cref="GroupOptions.MaxParallelism"/> = 16 a million items keep
    /// only 16 children alive (the values aside), and the first failure stops the feed. The rules of
    /// <see cref="All{RT, A}(Seq{Aff{RT, A}})"/> hold: values in item order, every failure reported, join-all.
    /// </summary>
    /// <example><code>Group.Traverse(urls, url => Child.FromTask(ct => Fetch(url, ct)), GroupOptions.Default with { MaxParallelism = 16 })</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Aff<RT, A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = items.ToArray();
        // G8: nothing runs here; each run makes its own engine, and its own children as they start.
        return Aff<RT, Seq<A>>.EffectMaybe(rt => new Engine.TraverseRun<RT, T, A>(snapshot, f, options).Start(rt));
    }

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Aff<RT, A>> f)
        where RT : struct, HasCancel<RT> =>
        Traverse(items, f, GroupOptions.Default);

    /// <summary>
    /// Runs the task function <paramref name="f"/> over every item in parallel, with the group's token: the lifted
    /// fan-out, like <c>Parallel.ForEachAsync</c> but with <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>'s rules (values in
    /// item order, fail fast, every failure reported, join-all). Nothing is made per item but the task
    /// <paramref name="f"/> returns: no child value, no effect, so this is the fastest form for many items. Under
    /// <see cref="GroupOptions.MaxParallelism"/> an item is started only when a slot is free, and none after the first
    /// failure.
    /// </summary>
    /// <example><code>
    /// Fin&lt;Seq&lt;Page&gt;&gt; pages = await Group.Traverse(urls, (url, ct) =&gt; Fetch(url, ct),
    ///     GroupOptions.Default with { MaxParallelism = 16 }).RunAsync();
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, CancellationToken, Task<A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = items.ToArray();
        // G8: nothing runs here; each run makes its own engine, which calls f as each item starts.
        return Aff<RT, Seq<A>>.EffectMaybe(rt => new Engine.TaskTraverseRun<RT, T, A>(snapshot, f, options).Start(rt));
    }

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, CancellationToken, Task<A>> f)
        where RT : struct, HasCancel<RT> =>
        Traverse<RT, T, A>(items, f, GroupOptions.Default);

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, CancellationToken, Task<A>> f, GroupOptions options) =>
        Traverse<GroupRuntime, T, A>(items, f, options);

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, CancellationToken, Task{A}}, GroupOptions)"/>
    public static Aff<GroupRuntime, Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, CancellationToken, Task<A>> f) =>
        Traverse<GroupRuntime, T, A>(items, f, GroupOptions.Default);
}
