using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

// Zip over what Group.All takes beside Aff<RT, A>: Eff<RT, A> (on the thread pool), Aff<A> and Eff<A> (runtime-free,
// see Group.RuntimeFree.cs).
public static partial class Group
{
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
}
