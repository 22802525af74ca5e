using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="children"/> in parallel: fail fast, join all, every failure reported.
    /// Succeeds with every value in child order; fails with a <see cref="GroupError"/> of every real failure,
    /// or with <c>Errors.Cancelled</c> when cancelled from outside with no real failure.
    /// </summary>
    /// <example><code>Aff&lt;RT, Seq&lt;int&gt;&gt; all = Group.All(toSeq(ids.Map(Fetch)));</code></example>
    public static Aff<RT, Seq<A>> All<RT, A>(Seq<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), GroupOptions.Default);

    /// <inheritdoc cref="All{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> All<RT, A>(IEnumerable<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), GroupOptions.Default);

    /// <inheritdoc cref="All{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<A>> All<RT, A>(params Aff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), GroupOptions.Default);

    /// <inheritdoc cref="All{RT, A}(Seq{Aff{RT, A}})"/>
    /// <param name="children">The children, in the order of the results.</param>
    /// <param name="options">How the group runs; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> All<RT, A>(Seq<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), options);

    /// <inheritdoc cref="All{RT, A}(Seq{Aff{RT, A}}, GroupOptions)"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> All<RT, A>(IEnumerable<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), options);

    /// <summary>
    /// Runs synchronous <paramref name="children"/> in parallel on the thread pool, under the rules of
    /// <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>. An <c>Eff</c> cannot observe cancellation while it runs: once the
    /// group is cancelled, the children not yet running never start, and the group waits for the others.
    /// </summary>
    public static Aff<RT, Seq<A>> All<RT, A>(Seq<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(children.Map(Child.FromEff).ToArray(), GroupOptions.Default);

    /// <inheritdoc cref="All{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> All<RT, A>(IEnumerable<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)).Select(Child.FromEff).ToArray(), GroupOptions.Default);

    /// <inheritdoc cref="All{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<A>> All<RT, A>(params Eff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        All(Materialise(children, nameof(children)).AsEnumerable());

    /// <summary>
    /// Runs runtime-free <paramref name="children"/> in parallel under the rules of
    /// <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>. An <c>Aff&lt;A&gt;</c> carries no token and cannot be cancelled:
    /// after a failure the group starts no further child and waits for those running.
    /// </summary>
    public static Aff<Seq<A>> All<A>(Seq<Aff<A>> children) =>
        Detached(children.Map(static c => (Aff<GroupRuntime, A>)c).ToArray());

    /// <inheritdoc cref="All{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<A>> All<A>(IEnumerable<Aff<A>> children) =>
        Detached(Materialise(children, nameof(children)).Select(static c => (Aff<GroupRuntime, A>)c).ToArray());

    /// <inheritdoc cref="All{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<A>> All<A>(params Aff<A>[] children) =>
        All(Materialise(children, nameof(children)).AsEnumerable());

    /// <summary>
    /// Runs runtime-free synchronous <paramref name="children"/> in parallel on the thread pool, under the rules of
    /// <see cref="All{RT, A}(Seq{Eff{RT, A}})"/>.
    /// </summary>
    public static Aff<Seq<A>> All<A>(Seq<Eff<A>> children) =>
        Detached(children.Map(static c => Child.FromEff((Eff<GroupRuntime, A>)c)).ToArray());

    /// <inheritdoc cref="All{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<A>> All<A>(IEnumerable<Eff<A>> children) =>
        Detached(Materialise(children, nameof(children)).Select(static c => Child.FromEff((Eff<GroupRuntime, A>)c)).ToArray());

    /// <inheritdoc cref="All{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<A>> All<A>(params Eff<A>[] children) =>
        All(Materialise(children, nameof(children)).AsEnumerable());

    /// <summary>A group of runtime-free children: it runs under an uncancellable root of the shipped runtime.</summary>
    static Aff<Seq<A>> Detached<A>(Aff<GroupRuntime, A>[] children)
    {
        var group = Build(children, GroupOptions.Default);
        return Aff<Seq<A>>.EffectMaybe(() => group.Run(GroupRuntime.Uncancellable));
    }
}
