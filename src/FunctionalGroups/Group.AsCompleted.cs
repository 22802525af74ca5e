using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

// Group.AsCompleted and Group.SettleAsCompleted: a fixed list of children whose results are given as they complete
// (asyncio.as_completed, Task.WhenEach), structured: rules S1, S4-S6.
public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="children"/> in parallel, as <see cref="All{RT, A}(Seq{Aff{RT, A}})"/> does, and gives each
    /// value as soon as its child succeeds, in completion order, with the child's position and name
    /// (<c>asyncio.as_completed</c>, .NET's <c>Task.WhenEach</c>), structured as they are not: the enumeration owns the
    /// children. Children start under the group's rules (G15 order, G16 context, <see cref="GroupOptions.MaxParallelism"/>,
    /// <see cref="GroupOptions.Timeout"/>); a slot frees when its child ends, so at most the children that ended and were
    /// not taken yet are buffered (S1).
    /// </summary>
    /// <remarks>
    /// <para>The enumerable is a value (G8): each <c>await foreach</c> is a group of its own, started by the first
    /// <c>MoveNextAsync</c> under <paramref name="runtime"/> and cancelled by the enumerator's token too.</para>
    /// <para>Fail fast (S4): the first real failure cancels the other children; nothing more is given, and once every
    /// child has ended the enumeration throws a <see cref="GroupException"/> holding every failure in child order.
    /// Leaving early (<c>break</c>, an exception, the token) cancels the children still running and waits for them
    /// before <c>DisposeAsync</c> returns (S5).</para>
    /// </remarks>
    /// <example><code>
    /// await foreach (var done in Group.AsCompleted(Seq(
    ///     Child.FromTask(ct =&gt; Fetch("a", ct)).Named("a"),
    ///     Child.FromTask(ct =&gt; Fetch("b", ct)).Named("b"))).WithCancellation(ct))
    ///     Console.WriteLine($"{done.Name} is ready: {done.Value}");
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    public static IAsyncEnumerable<Completed<A>> AsCompleted<RT, A>(IEnumerable<Aff<RT, A>> children, RT runtime, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        var (array, names) = NamedChildren(children, options);
        return new StreamEnumerable<RT, Aff<RT, A>, A, Completed<A>>(
            () => new StreamRun<RT, Aff<RT, A>, A>(Feed<Aff<RT, A>>.Of(array), ItemStart<RT, Aff<RT, A>, A>.Of(Itself), options, StreamOrder.AsCompleted, 0),
            runtime, (index, value) => new Completed<A>(index, names?[index], (A)value));
    }

    /// <inheritdoc cref="AsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> AsCompleted<RT, A>(IEnumerable<Aff<RT, A>> children, RT runtime)
        where RT : struct, HasCancel<RT> =>
        AsCompleted(children, runtime, GroupOptions.Default);

    /// <inheritdoc cref="AsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> AsCompleted<A>(IEnumerable<Aff<GroupRuntime, A>> children, GroupOptions options) =>
        AsCompleted(children, GroupRuntime.Uncancellable, options);

    /// <inheritdoc cref="AsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<A>> AsCompleted<A>(IEnumerable<Aff<GroupRuntime, A>> children) =>
        AsCompleted(children, GroupRuntime.Uncancellable, GroupOptions.Default);

    /// <summary>
    /// Runs <paramref name="children"/> in parallel with no fail-fast, as <see cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>
    /// does, and gives each child's outcome, value or failure, as soon as it ends, in completion order (S6). A failure
    /// never cancels a sibling; the enumeration ends normally once every outcome was given. It throws only when the
    /// group was cancelled (an <see cref="OperationCanceledException"/>), timed out, or a cancellation's cleanup failed
    /// (a <see cref="GroupException"/>). Leaving early cancels and joins, as <see cref="AsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/> does.
    /// </summary>
    /// <example><code>
    /// await foreach (var done in Group.SettleAsCompleted(children))
    ///     done.Value.Match(Succ: v =&gt; Console.WriteLine($"{done.Index}: {v}"), Fail: e =&gt; Console.WriteLine($"{done.Index} failed: {e}"));
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    public static IAsyncEnumerable<Completed<Fin<A>>> SettleAsCompleted<RT, A>(IEnumerable<Aff<RT, A>> children, RT runtime, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        var (array, names) = NamedChildren(children, options);
        return new StreamEnumerable<RT, Aff<RT, A>, A, Completed<Fin<A>>>(
            () => new StreamRun<RT, Aff<RT, A>, A>(Feed<Aff<RT, A>>.Of(array), ItemStart<RT, Aff<RT, A>, A>.Of(Itself), options, StreamOrder.Settle, 0),
            runtime, (index, outcome) => new Completed<Fin<A>>(index, names?[index], outcome));
    }

    /// <inheritdoc cref="SettleAsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<Fin<A>>> SettleAsCompleted<RT, A>(IEnumerable<Aff<RT, A>> children, RT runtime)
        where RT : struct, HasCancel<RT> =>
        SettleAsCompleted(children, runtime, GroupOptions.Default);

    /// <inheritdoc cref="SettleAsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<Fin<A>>> SettleAsCompleted<A>(IEnumerable<Aff<GroupRuntime, A>> children, GroupOptions options) =>
        SettleAsCompleted(children, GroupRuntime.Uncancellable, options);

    /// <inheritdoc cref="SettleAsCompleted{RT, A}(IEnumerable{Aff{RT, A}}, RT, GroupOptions)"/>
    public static IAsyncEnumerable<Completed<Fin<A>>> SettleAsCompleted<A>(IEnumerable<Aff<GroupRuntime, A>> children) =>
        SettleAsCompleted(children, GroupRuntime.Uncancellable, GroupOptions.Default);

    static Aff<RT, A> Itself<RT, A>(Aff<RT, A> child) where RT : struct, HasCancel<RT> => child;

    /// <summary>The children read once, when the group is built (a fixed list), and their names (null when none has one).</summary>
    static (Aff<RT, A>[] Children, string?[]? Names) NamedChildren<RT, A>(IEnumerable<Aff<RT, A>> children, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        var array = Materialise(children, nameof(children));
        ArgumentNullException.ThrowIfNull(options);
        var names = array.Select(NamedChild<RT, A>.NameOf).ToArray();
        return (array, names.Any(static n => n is not null) ? names : null);
    }
}
