using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

// Every policy takes what Group.All takes: Aff<RT, A> (the policy's own file), and here Eff<RT, A> (run on the thread
// pool, as by Child.FromEff), and the runtime-free Aff<A> and Eff<A>. A runtime-free child carries no token: the group
// runs under an uncancellable root of the shipped runtime, so after a failure it starts no further child and waits for
// those running (G1), exactly as Group.All over Aff<A> does. Run the result with Run() or RunAsync().
public static partial class Group
{
    /// <summary>A runtime-free group: the group over the shipped runtime, run under its uncancellable root.</summary>
    static Aff<A> Free<A>(Aff<GroupRuntime, A> group) =>
        Aff<A>.EffectMaybe(() => group.Run(GroupRuntime.Uncancellable));

    static Aff<GroupRuntime, A> Lift<A>(Aff<A> child) => child;

    static Aff<GroupRuntime, A> Lift<A>(Eff<A> child) => Child.FromEff(child);

    /// <summary>Runs synchronous <paramref name="children"/> on the thread pool under the rules of <see cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(Seq<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Settle(children.Map(Child.FromEff));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(IEnumerable<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Settle(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(params Eff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Settle(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <summary>Runs runtime-free <paramref name="children"/> under the rules of <see cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<Seq<Fin<A>>> Settle<A>(Seq<Aff<A>> children) =>
        Free(Settle(children.Map(Lift)));

    /// <inheritdoc cref="Settle{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<Fin<A>>> Settle<A>(IEnumerable<Aff<A>> children) =>
        Free(Settle(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Settle{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<Fin<A>>> Settle<A>(params Aff<A>[] children) =>
        Free(Settle(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs runtime-free synchronous (on the thread pool) <paramref name="children"/> under the rules of <see cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<Seq<Fin<A>>> Settle<A>(Seq<Eff<A>> children) =>
        Free(Settle(children.Map(Lift)));

    /// <inheritdoc cref="Settle{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<Fin<A>>> Settle<A>(IEnumerable<Eff<A>> children) =>
        Free(Settle(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Settle{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<Fin<A>>> Settle<A>(params Eff<A>[] children) =>
        Free(Settle(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs synchronous <paramref name="children"/> on the thread pool under the rules of <see cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, Seq<A>> Validate<RT, A>(Seq<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Validate(children.Map(Child.FromEff));

    /// <inheritdoc cref="Validate{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> Validate<RT, A>(IEnumerable<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Validate(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <inheritdoc cref="Validate{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<A>> Validate<RT, A>(params Eff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Validate(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <summary>Runs runtime-free <paramref name="children"/> under the rules of <see cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<Seq<A>> Validate<A>(Seq<Aff<A>> children) =>
        Free(Validate(children.Map(Lift)));

    /// <inheritdoc cref="Validate{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<A>> Validate<A>(IEnumerable<Aff<A>> children) =>
        Free(Validate(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Validate{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<A>> Validate<A>(params Aff<A>[] children) =>
        Free(Validate(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs runtime-free synchronous (on the thread pool) <paramref name="children"/> under the rules of <see cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<Seq<A>> Validate<A>(Seq<Eff<A>> children) =>
        Free(Validate(children.Map(Lift)));

    /// <inheritdoc cref="Validate{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<Seq<A>> Validate<A>(IEnumerable<Eff<A>> children) =>
        Free(Validate(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Validate{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<Seq<A>> Validate<A>(params Eff<A>[] children) =>
        Free(Validate(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs synchronous <paramref name="children"/> on the thread pool under the rules of <see cref="Race{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, A> Race<RT, A>(Seq<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Race(children.Map(Child.FromEff));

    /// <inheritdoc cref="Race{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, A> Race<RT, A>(IEnumerable<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Race(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <inheritdoc cref="Race{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, A> Race<RT, A>(params Eff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Race(Materialise(children, nameof(children)).Select(Child.FromEff));

    /// <summary>Runs runtime-free <paramref name="children"/> under the rules of <see cref="Race{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<A> Race<A>(Seq<Aff<A>> children) =>
        Free(Race(children.Map(Lift)));

    /// <inheritdoc cref="Race{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<A> Race<A>(IEnumerable<Aff<A>> children) =>
        Free(Race(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Race{A}(Seq{Aff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<A> Race<A>(params Aff<A>[] children) =>
        Free(Race(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs runtime-free synchronous (on the thread pool) <paramref name="children"/> under the rules of <see cref="Race{RT, A}(Seq{Aff{RT, A}})"/>; they cannot
    /// be cancelled, so the group starts no further child once it is done and waits for those running.</summary>
    public static Aff<A> Race<A>(Seq<Eff<A>> children) =>
        Free(Race(children.Map(Lift)));

    /// <inheritdoc cref="Race{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<A> Race<A>(IEnumerable<Eff<A>> children) =>
        Free(Race(Materialise(children, nameof(children)).Select(Lift)));

    /// <inheritdoc cref="Race{A}(Seq{Eff{A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<A> Race<A>(params Eff<A>[] children) =>
        Free(Race(Materialise(children, nameof(children)).Select(Lift)));

    /// <summary>Runs the synchronous <paramref name="f"/> over every item on the thread pool under the rules of
    /// <see cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Eff<RT, A>> f, GroupOptions options)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Traverse(items, item => Child.FromEff(f(item)), options);
    }

    /// <inheritdoc cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Eff{RT, A}}, GroupOptions)"/>
    public static Aff<RT, Seq<A>> Traverse<RT, T, A>(IEnumerable<T> items, Func<T, Eff<RT, A>> f)
        where RT : struct, HasCancel<RT> =>
        Traverse(items, f, GroupOptions.Default);

    /// <summary>Runs the runtime-free <paramref name="f"/> over every item under the rules of
    /// <see cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>; the children cannot be
    /// cancelled, so after a failure the feed stops and the group waits for those running.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, Aff<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Free(Traverse<GroupRuntime, T, A>(items, item => Lift(f(item)), options));
    }

    /// <inheritdoc cref="Traverse{T, A}(IEnumerable{T}, Func{T, Aff{A}}, GroupOptions)"/>
    public static Aff<Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, Aff<A>> f) =>
        Traverse(items, f, GroupOptions.Default);

    /// <summary>Runs the runtime-free synchronous <paramref name="f"/> over every item under the rules of
    /// <see cref="Traverse{RT, T, A}(IEnumerable{T}, Func{T, Aff{RT, A}}, GroupOptions)"/>; the children cannot be
    /// cancelled, so after a failure the feed stops and the group waits for those running.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="f"/> or <paramref name="options"/> is null.</exception>
    public static Aff<Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, Eff<A>> f, GroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Free(Traverse<GroupRuntime, T, A>(items, item => Lift(f(item)), options));
    }

    /// <inheritdoc cref="Traverse{T, A}(IEnumerable{T}, Func{T, Eff{A}}, GroupOptions)"/>
    public static Aff<Seq<A>> Traverse<T, A>(IEnumerable<T> items, Func<T, Eff<A>> f) =>
        Traverse(items, f, GroupOptions.Default);
}
