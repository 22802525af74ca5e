using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// The front door: structured concurrency for LanguageExt effects. A group runs its children in parallel and
/// is itself one effect value. The rules it keeps (G1–G14 of the design) in short:
/// <list type="number">
/// <item><b>Join-all:</b> the group completes only after every child it started has ended; no child outlives it.</item>
/// <item><b>Fail fast:</b> the first real failure cancels every sibling; children not yet started never start.</item>
/// <item><b>Every failure reported:</b> a <see cref="GroupError"/> holds every real failure in child order,
/// cleanup failures included; cancellations the group caused are not failures.</item>
/// <item><b>Outer cancellation:</b> with no real failure the group fails with <c>Errors.Cancelled</c> alone.</item>
/// <item><b>Effects are values:</b> building a group starts nothing; each run is an independent group.</item>
/// </list>
/// </summary>
/// <example>
/// <code>
/// var all = Group.All(
///     Child.FromTask(ct => FetchAccounts(ct)).Named("accounts"),
///     Child.FromTask(ct => FetchBudgets(ct)).Named("budgets"));
/// Fin&lt;Seq&lt;Account&gt;&gt; fin = await all.RunAsync(cancellationToken);
/// </code>
/// </example>
public static partial class Group
{
    static T[] Materialise<T>(IEnumerable<T> children, string parameter) =>
        children switch
        {
            null => throw new ArgumentNullException(parameter, "A group needs a collection of children (it may be empty, not null)."),
            _ => children.ToArray(),
        };

    static Aff<RT, Seq<A>> Build<RT, A>(Aff<RT, A>[] children, GroupOptions? options)
        where RT : struct, HasCancel<RT> =>
        Build(children, options, static (c, o) => new Engine.AllRun<RT, A>(c, o));

    /// <summary>The effect of a policy over fixed children: a fresh engine per run, made by <paramref name="run"/>.</summary>
    static Aff<RT, R> Build<RT, A, R>(Aff<RT, A>[] children, GroupOptions? options, Func<Aff<RT, A>[], GroupOptions, Engine.GroupRun<RT, R>> run)
        where RT : struct, HasCancel<RT>
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        // G8: nothing runs here; each run of the effect makes its own engine.
        return Aff<RT, R>.EffectMaybe(rt => run(children, options).Start(rt));
    }
}
