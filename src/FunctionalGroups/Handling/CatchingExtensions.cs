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
/// effect still fails with the unmatched part; if the handler fails (or throws), its error joins the unmatched part.</item>
/// <item>A filter that throws takes nothing: the effect fails with the whole group and the filter's error appended
/// to it. The group is never lost, however deep (G14: the split walks the tree without recursion).</item>
/// </list>
/// Chained handlers read like consecutive <c>except*</c> clauses; unlike Python, a later clause also sees the
/// error of an earlier handler that failed, since each <c>Catching</c> handles the outcome of the one before. For
/// Python's rules (every clause sees only the original group; an error raised in a clause is never matched by a later
/// clause of the same <c>try</c>), give the clauses to one <see cref="ExceptStarExtensions.Handle{RT, A}(Aff{RT, A}, Func{ExceptClauses{RT, A}, ExceptClauses{RT, A}})"/>.
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
            if (!Split(ref outcome, filter, out var matched, out var unmatched)) return outcome;
            var handled = await RunHandler(() => handler(matched).Run(rt)).ConfigureAwait(false);
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
            if (!Split(ref outcome, filter, out var matched, out var unmatched)) return outcome;
            var handled = await RunHandler(() => handler(matched).Run()).ConfigureAwait(false);
            return Combine(handled, unmatched);
        });
    }

    /// <inheritdoc cref="Catching{RT, A}(Aff{RT, A}, ErrorFilter, Func{GroupError, A})"/>
    public static Aff<A> Catching<A>(this Aff<A> effect, ErrorFilter filter, Func<GroupError, A> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return effect.Catching(filter, matched => Aff<A>.Effect(() => new ValueTask<A>(handler(matched))));
    }

    /// <summary>
    /// Handles the failures matching <paramref name="filter"/> with a fixed <paramref name="fallback"/> value: when
    /// every failure matched, the effect gives <paramref name="fallback"/>; otherwise it fails with the rest.
    /// </summary>
    /// <example><code>Group.Zip(accounts, budgets).Catching(On.Exception&lt;TimeoutException&gt;(), cache.Last())</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="fallback"/> is null.</exception>
    public static Aff<RT, A> Catching<RT, A>(this Aff<RT, A> effect, ErrorFilter filter, A fallback)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return effect.Catching(filter, _ => fallback);
    }

    /// <inheritdoc cref="Catching{RT, A}(Aff{RT, A}, ErrorFilter, A)"/>
    public static Aff<A> Catching<A>(this Aff<A> effect, ErrorFilter filter, A fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return effect.Catching(filter, _ => fallback);
    }

    /// <summary>
    /// Observes the failures matching <paramref name="filter"/> and leaves them failing, like
    /// <c>except* E as eg: log(eg); raise</c>: <paramref name="observe"/> runs on the matched part (names and nesting
    /// kept), and the effect fails with the very group it failed with. An observer that throws adds its error to the
    /// group (the failures it observed are not lost). Success, and any failure that is not a group, pass untouched.
    /// </summary>
    /// <example><code>fetchAll.Observing(On.Exception&lt;HttpRequestException&gt;(), eg => log.LogWarning("{Count} failed", eg.Leaves.Count))</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="observe"/> is null.</exception>
    public static Aff<RT, A> Observing<RT, A>(this Aff<RT, A> effect, ErrorFilter filter, Action<GroupError> observe)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(observe);
        return Aff<RT, A>.EffectMaybe(async rt => Observed(await effect.Run(rt).ConfigureAwait(false), filter, observe));
    }

    /// <inheritdoc cref="Observing{RT, A}(Aff{RT, A}, ErrorFilter, Action{GroupError})"/>
    public static Aff<A> Observing<A>(this Aff<A> effect, ErrorFilter filter, Action<GroupError> observe)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(observe);
        return Aff<A>.EffectMaybe(async () => Observed(await effect.Run().ConfigureAwait(false), filter, observe));
    }

    static Fin<A> Observed<A>(Fin<A> outcome, ErrorFilter filter, Action<GroupError> observe)
    {
        if (!Split(ref outcome, filter, out var matched, out _)) return outcome;
        var group = (GroupError)(Error)outcome;
        try
        {
            observe(matched);
            return outcome;
        }
        catch (Exception broken)
        {
            return Fin<A>.Fail(Joined(group, Error.New(broken)));
        }
    }

    /// <summary>True when the outcome is a group failure with at least one leaf matching the filter. A filter that
    /// throws is a failure of its own: the outcome becomes the whole group with that failure appended (never lost),
    /// and no handler runs.</summary>
    static bool Split<A>(ref Fin<A> outcome, ErrorFilter filter, out GroupError matched, out Option<GroupError> unmatched)
    {
        matched = null!;
        unmatched = default;
        if (outcome.IsSucc || (Error)outcome is not GroupError group) return false;
        (Option<GroupError> Matched, Option<GroupError> Unmatched) parts;
        try
        {
            parts = group.Split(filter);
        }
        catch (Exception broken)
        {
            outcome = Fin<A>.Fail(Joined(group, Error.New(broken)));
            return false;
        }
        if (parts.Matched.IsNone) return false;
        matched = (GroupError)parts.Matched;
        unmatched = parts.Unmatched;
        return true;
    }

    /// <summary>Runs a handler; a handler that throws instead of returning an effect is a failing handler.</summary>
    internal static async ValueTask<Fin<A>> RunHandler<A>(Func<ValueTask<Fin<A>>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception broken)
        {
            return Fin<A>.Fail(Error.New(broken));
        }
    }

    /// <summary>The group with <paramref name="failure"/> appended as one more entry.</summary>
    internal static GroupError Joined(GroupError group, Error failure) =>
        // T1: still the group's error, so still who it cancelled and why.
        new(group.Errors.Add(failure), Math.Max(group.Total, group.Errors.Count + 1)) { Cancellation = group.Cancellation };

    /// <summary>The handler's outcome when nothing is left unmatched; otherwise the unmatched part, with the
    /// handler's own failure appended to it.</summary>
    static Fin<A> Combine<A>(Fin<A> handled, Option<GroupError> unmatched) =>
        unmatched.Match(
            Some: rest => Fin<A>.Fail(handled.IsSucc ? rest : Joined(rest, (Error)handled)),
            None: () => handled);
}
