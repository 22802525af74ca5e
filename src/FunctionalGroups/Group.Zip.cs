using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    // Zip is All over the children's values seen as objects: one engine, the same rules, and the tuple is
    // rebuilt from the results in argument order. (A tuple overload of All would make Group.All(a, b) over two
    // children of one type silently return a tuple instead of a Seq: hence the separate name.)

    /// <summary>Runs two children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    /// <example><code>var (accounts, budgets) = ... await Group.Zip(fetchAccounts, fetchBudgets).Run(rt) ...</code></example>
    public static Aff<RT, (A, B)> Zip<RT, A, B>(Aff<RT, A> a, Aff<RT, B> b) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b)).Map(static r => ((A)r[0], (B)r[1]));

    /// <summary>Runs three children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C)> Zip<RT, A, B, C>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b), Box(c)).Map(static r => ((A)r[0], (B)r[1], (C)r[2]));

    /// <summary>Runs four children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D)> Zip<RT, A, B, C, D>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b), Box(c), Box(d)).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3]));

    /// <summary>Runs five children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E)> Zip<RT, A, B, C, D, E>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b), Box(c), Box(d), Box(e)).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4]));

    /// <summary>Runs six children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E, F)> Zip<RT, A, B, C, D, E, F>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e, Aff<RT, F> f) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b), Box(c), Box(d), Box(e), Box(f)).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4], (F)r[5]));

    /// <summary>Runs seven children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>.</summary>
    public static Aff<RT, (A, B, C, D, E, F, G)> Zip<RT, A, B, C, D, E, F, G>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e, Aff<RT, F> f, Aff<RT, G> g) where RT : struct, HasCancel<RT> =>
        All(Box(a), Box(b), Box(c), Box(d), Box(e), Box(f), Box(g)).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4], (F)r[5], (G)r[6]));

    /// <summary>Runs 2 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B)> Zip<RT, A, B>(Aff<RT, A> a, Aff<RT, B> b, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b)), options).Map(static r => ((A)r[0], (B)r[1]));

    /// <summary>Runs 3 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B, C)> Zip<RT, A, B, C>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b), Box(c)), options).Map(static r => ((A)r[0], (B)r[1], (C)r[2]));

    /// <summary>Runs 4 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B, C, D)> Zip<RT, A, B, C, D>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b), Box(c), Box(d)), options).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3]));

    /// <summary>Runs 5 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B, C, D, E)> Zip<RT, A, B, C, D, E>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b), Box(c), Box(d), Box(e)), options).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4]));

    /// <summary>Runs 6 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B, C, D, E, F)> Zip<RT, A, B, C, D, E, F>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e, Aff<RT, F> f, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b), Box(c), Box(d), Box(e), Box(f)), options).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4], (F)r[5]));

    /// <summary>Runs 7 children of different types in parallel under the rules of <see cref="All{RT, A}(Seq{Aff{RT, A}})"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, (A, B, C, D, E, F, G)> Zip<RT, A, B, C, D, E, F, G>(Aff<RT, A> a, Aff<RT, B> b, Aff<RT, C> c, Aff<RT, D> d, Aff<RT, E> e, Aff<RT, F> f, Aff<RT, G> g, GroupOptions options) where RT : struct, HasCancel<RT> =>
        All(Seq.create(Box(a), Box(b), Box(c), Box(d), Box(e), Box(f), Box(g)), options).Map(static r => ((A)r[0], (B)r[1], (C)r[2], (D)r[3], (E)r[4], (F)r[5], (G)r[6]));

    // A named child stays one the engine can read the name of (its span, the live tree, who-cancelled-whom).
    static Aff<RT, object> Box<RT, A>(Aff<RT, A> child) where RT : struct, HasCancel<RT> =>
        NamedChild<RT, A>.Map(child, static value => (object)value!);
}
