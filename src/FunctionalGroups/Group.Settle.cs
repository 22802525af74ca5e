using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="children"/> in parallel with no fail-fast, like JavaScript's <c>Promise.allSettled</c> or
    /// <c>asyncio.gather(return_exceptions=True)</c> with a join: every child runs to its end, and the result is every
    /// outcome (value or failure) in child order. The group itself fails only if it is cancelled before every child
    /// settled: with a <see cref="GroupError"/> of the real failures seen, or <c>Errors.Cancelled</c> when there were
    /// none (G7). Every rule of join-all holds (G1).
    /// </summary>
    /// <example><code>Seq&lt;Fin&lt;Page&gt;&gt; pages = ... await Group.Settle(urls.Map(Fetch)).RunAsync() ...</code></example>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(Seq<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), GroupOptions.Default, static (c, o) => new Engine.SettleRun<RT, A>(c, o));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(IEnumerable<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), GroupOptions.Default, static (c, o) => new Engine.SettleRun<RT, A>(c, o));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(params Aff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Settle(Materialise(children, nameof(children)).AsEnumerable());

    /// <inheritdoc cref="Settle{RT, A}(Seq{Aff{RT, A}})"/>
    /// <param name="children">The children, in the order of the results.</param>
    /// <param name="options">Parallelism limit, timeout, thread-pool start; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(Seq<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), options, static (c, o) => new Engine.SettleRun<RT, A>(c, o));

    /// <inheritdoc cref="Settle{RT, A}(Seq{Aff{RT, A}}, GroupOptions)"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<Fin<A>>> Settle<RT, A>(IEnumerable<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), options, static (c, o) => new Engine.SettleRun<RT, A>(c, o));
}
