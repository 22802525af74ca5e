using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// <c>except*</c> for effects (rule G11): a handler takes the failures that match a filter, seeing through names
/// and nesting, and leaves the rest failing, like Python's <c>ExceptionGroup.split</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only a <see cref="GroupError"/> failure is split; any other failure, <c>Errors.Cancelled</c> included,
/// passes through untouched, and so does a group with no matching leaf.</item>
/// <item>Every leaf matched: the handler's result is the effect's result.</item>
/// <item>Some matched: the handler runs on the matched part (nesting and names kept) for its effects, and the
/// effect still fails with the unmatched part; if the handler fails, its error joins the unmatched part.</item>
/// </list>
/// Chained handlers read like consecutive <c>except*</c> clauses; unlike Python, a later clause also sees the
/// error of an earlier handler that failed.
/// </remarks>
/// <example>
/// <code>
/// var handled = Group.All(children)
///     .Catching(On.Exception&lt;TimeoutException&gt;(), timeouts => Seq&lt;int&gt;())
///     .Catching(On.Exception&lt;HttpRequestException&gt;(), http => Seq&lt;int&gt;());
/// </code>
/// </example>
public static class CatchingExtensions
{
    /// <summary>Handles the failures matching <paramref name="filter"/> with an effect.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="handler"/> is null.</exception>
    public static Aff<RT, A> Catching<RT, A>(this Aff<RT, A> effect, ErrorFilter filter, Func<GroupError, Aff<RT, A>> handler)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(handler);
        return Aff<RT, A>.EffectMaybe(async rt =>
        {
            var outcome = await effect.Run(rt).ConfigureAwait(false);
            if (!Split(outcome, filter, out var matched, out var unmatched)) return outcome;
            var handled = await handler(matched).Run(rt).ConfigureAwait(false);
            return Combine(handled, unmatched);
        });
    }

    /// <summary>Handles the failures matching <paramref name="filter"/> with a value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="handler"/> is null.</exception>
    public static Aff<RT, A> Catching<RT, A>(this Aff<RT, A> effect, ErrorFilter filter, Func<GroupError, A> handler)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return effect.Catching(filter, matched => Aff<RT, A>.Effect(_ => new ValueTask<A>(handler(matched))));
    }

    /// <inheritdoc cref="Catching{RT, A}(Aff{RT, A}, ErrorFilter, Func{GroupError, Aff{RT, A}})"/>
    public static Aff<A> Catching<A>(this Aff<A> effect, ErrorFilter filter, Func<GroupError, Aff<A>> handler)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(handler);
        return Aff<A>.EffectMaybe(async () =>
        {
            var outcome = await effect.Run().ConfigureAwait(false);
            if (!Split(outcome, filter, out var matched, out var unmatched)) return outcome;
            var handled = await handler(matched).Run().ConfigureAwait(false);
            return Combine(handled, unmatched);
        });
    }

    /// <inheritdoc cref="Catching{RT, A}(Aff{RT, A}, ErrorFilter, Func{GroupError, A})"/>
    public static Aff<A> Catching<A>(this Aff<A> effect, ErrorFilter filter, Func<GroupError, A> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return effect.Catching(filter, matched => Aff<A>.Effect(() => new ValueTask<A>(handler(matched))));
    }

    /// <summary>True when the outcome is a group failure with at least one leaf matching the filter.</summary>
    static bool Split<A>(Fin<A> outcome, ErrorFilter filter, out GroupError matched, out Option<GroupError> unmatched)
    {
        matched = null!;
        unmatched = default;
        if (outcome.IsSucc || (Error)outcome is not GroupError group) return false;
        var (m, u) = group.Split(filter);
        if (m.IsNone) return false;
        matched = (GroupError)m;
        unmatched = u;
        return true;
    }

    /// <summary>The handler's outcome when nothing is left unmatched; otherwise the unmatched part, with the
    /// handler's own failure appended to it.</summary>
    static Fin<A> Combine<A>(Fin<A> handled, Option<GroupError> unmatched) =>
        unmatched.Match(
            Some: rest => Fin<A>.Fail(handled.IsSucc ? rest : new GroupError(rest.Errors.Add((Error)handled), Math.Max(rest.Total, rest.Errors.Count + 1))),
            None: () => handled);
}
