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

    /// <summary>Runs 2 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B)> Zip<RT, A, B>(Eff<RT, A> a, Eff<RT, B> b) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b));

    /// <summary>Runs 3 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C)> Zip<RT, A, B, C>(Eff<RT, A> a, Eff<RT, B> b, Eff<RT, C> c) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b), Child.FromEff(c));

    /// <summary>Runs 4 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D)> Zip<RT, A, B, C, D>(Eff<RT, A> a, Eff<RT, B> b, Eff<RT, C> c, Eff<RT, D> d) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b), Child.FromEff(c), Child.FromEff(d));

    /// <summary>Runs 5 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E)> Zip<RT, A, B, C, D, E>(Eff<RT, A> a, Eff<RT, B> b, Eff<RT, C> c, Eff<RT, D> d, Eff<RT, E> e) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b), Child.FromEff(c), Child.FromEff(d), Child.FromEff(e));

    /// <summary>Runs 6 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E, F)> Zip<RT, A, B, C, D, E, F>(Eff<RT, A> a, Eff<RT, B> b, Eff<RT, C> c, Eff<RT, D> d, Eff<RT, E> e, Eff<RT, F> f) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b), Child.FromEff(c), Child.FromEff(d), Child.FromEff(e), Child.FromEff(f));

    /// <summary>Runs 7 synchronous children of different types in parallel on the thread pool, under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E, F, G)> Zip<RT, A, B, C, D, E, F, G>(Eff<RT, A> a, Eff<RT, B> b, Eff<RT, C> c, Eff<RT, D> d, Eff<RT, E> e, Eff<RT, F> f, Eff<RT, G> g) where RT : struct, HasCancel<RT> =>
        Zip(Child.FromEff(a), Child.FromEff(b), Child.FromEff(c), Child.FromEff(d), Child.FromEff(e), Child.FromEff(f), Child.FromEff(g));

    /// <summary>Runs 2 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B)> Zip<A, B>(Aff<A> a, Aff<B> b) =>
        Free(Zip(Lift(a), Lift(b)));

    /// <summary>Runs 3 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C)> Zip<A, B, C>(Aff<A> a, Aff<B> b, Aff<C> c) =>
        Free(Zip(Lift(a), Lift(b), Lift(c)));

    /// <summary>Runs 4 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D)> Zip<A, B, C, D>(Aff<A> a, Aff<B> b, Aff<C> c, Aff<D> d) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d)));

    /// <summary>Runs 5 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E)> Zip<A, B, C, D, E>(Aff<A> a, Aff<B> b, Aff<C> c, Aff<D> d, Aff<E> e) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e)));

    /// <summary>Runs 6 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E, F)> Zip<A, B, C, D, E, F>(Aff<A> a, Aff<B> b, Aff<C> c, Aff<D> d, Aff<E> e, Aff<F> f) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e), Lift(f)));

    /// <summary>Runs 7 runtime-free children of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E, F, G)> Zip<A, B, C, D, E, F, G>(Aff<A> a, Aff<B> b, Aff<C> c, Aff<D> d, Aff<E> e, Aff<F> f, Aff<G> g) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e), Lift(f), Lift(g)));

    /// <summary>Runs 2 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B)> Zip<A, B>(Eff<A> a, Eff<B> b) =>
        Free(Zip(Lift(a), Lift(b)));

    /// <summary>Runs 3 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C)> Zip<A, B, C>(Eff<A> a, Eff<B> b, Eff<C> c) =>
        Free(Zip(Lift(a), Lift(b), Lift(c)));

    /// <summary>Runs 4 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D)> Zip<A, B, C, D>(Eff<A> a, Eff<B> b, Eff<C> c, Eff<D> d) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d)));

    /// <summary>Runs 5 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E)> Zip<A, B, C, D, E>(Eff<A> a, Eff<B> b, Eff<C> c, Eff<D> d, Eff<E> e) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e)));

    /// <summary>Runs 6 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E, F)> Zip<A, B, C, D, E, F>(Eff<A> a, Eff<B> b, Eff<C> c, Eff<D> d, Eff<E> e, Eff<F> f) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e), Lift(f)));

    /// <summary>Runs 7 runtime-free synchronous children (on the thread pool) of different types in parallel under the rules of <see cref="All{A}(Seq{Aff{A}})"/>.</summary>
    public static Aff<(A, B, C, D, E, F, G)> Zip<A, B, C, D, E, F, G>(Eff<A> a, Eff<B> b, Eff<C> c, Eff<D> d, Eff<E> e, Eff<F> f, Eff<G> g) =>
        Free(Zip(Lift(a), Lift(b), Lift(c), Lift(d), Lift(e), Lift(f), Lift(g)));

    /// <summary>Runs synchronous <paramref name="children"/> on the thread pool under the rules of <see cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(Seq<Eff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Settle(children.Map(Child.FromEff));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Eff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
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
