using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// Several <c>except*</c> clauses of one <c>try</c>, with Python's rules (PEP 654), for
/// <see cref="ExceptStarExtensions.Handle{RT, A}(Aff{RT, A}, Func{ExceptClauses{RT, A}, ExceptClauses{RT, A}})"/>.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Each clause, in order, takes the part of the <b>original</b> group that it matches and that no earlier clause
/// took (<see cref="GroupError.Split(ErrorFilter)"/>: names and nesting kept). A clause that matches nothing does not
/// run.</item>
/// <item>An error raised in a clause (a handler that fails or throws, an observer that throws) is never matched by a
/// later clause: it goes to the final group.</item>
/// <item>The final outcome: when no clause raised and every failure was taken by a handler, the value of the last
/// handler that ran (as if each clause assigned the result). Otherwise a failure: with nothing raised, the failures
/// left (unmatched, or observed and re-raised) in the original group's shape; with errors raised, a new
/// <see cref="GroupError"/> of the raised errors in clause order, then the group of the failures left as one entry
/// (Python's <c>ExceptionGroup("", raised + [rest])</c>; one raised error alone is still a group, G4).</item>
/// </list>
/// Chaining <c>Catching</c> differs: each <c>Catching</c> handles the outcome of the one before, so a later one also
/// sees the error an earlier handler failed with.
/// </remarks>
public sealed class ExceptClauses<RT, A>
    where RT : struct, HasCancel<RT>
{
    internal static readonly ExceptClauses<RT, A> Empty = new(Seq<Clause>.Empty);

    internal ExceptClauses(Seq<Clause> clauses) => Clauses = clauses;

    internal Seq<Clause> Clauses { get; }

    /// <summary>A clause that handles the failures matching <paramref name="filter"/> with an effect.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="handler"/> is null.</exception>
    public ExceptClauses<RT, A> On(ErrorFilter filter, Func<GroupError, Aff<RT, A>> handler)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(handler);
        return new(Clauses.Add(new Clause(filter, handler, null)));
    }

    /// <summary>A clause that handles the failures matching <paramref name="filter"/> with a value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="handler"/> is null.</exception>
    public ExceptClauses<RT, A> On(ErrorFilter filter, Func<GroupError, A> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On(filter, matched => Aff<RT, A>.Effect(_ => new ValueTask<A>(handler(matched))));
    }

    /// <summary>A clause that handles the failures matching <paramref name="filter"/> with a fixed value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="fallback"/> is null.</exception>
    public ExceptClauses<RT, A> On(ErrorFilter filter, A fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return On(filter, _ => fallback);
    }

    /// <summary>
    /// A clause that observes the failures matching <paramref name="filter"/> and re-raises them
    /// (<c>except* E as eg: log(eg); raise</c>): they stay in the final group, in their place.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> or <paramref name="observe"/> is null.</exception>
    public ExceptClauses<RT, A> Observe(ErrorFilter filter, Action<GroupError> observe)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(observe);
        return new(Clauses.Add(new Clause(filter, null, observe)));
    }

    internal sealed record Clause(ErrorFilter Filter, Func<GroupError, Aff<RT, A>>? Handler, Action<GroupError>? Observer);
}

/// <summary><c>try … except* … except* …</c> for effects: several clauses with Python's rules.</summary>
public static class ExceptStarExtensions
{
    /// <summary>
    /// Handles a group failure with several <c>except*</c> clauses under Python's rules (see
    /// <see cref="ExceptClauses{RT, A}"/>): every clause sees only the original group, and an error raised in one is
    /// added to the final group, never matched by a later clause. Success, and a failure that is not a group
    /// (<c>Errors.Cancelled</c> included), pass untouched.
    /// </summary>
    /// <example>
    /// <code>
    /// var handled = fetchAll.Handle(clauses => clauses
    ///     .On(On.Exception&lt;TimeoutException&gt;(), timeouts => cache.Last())
    ///     .Observe(On.Exception&lt;HttpRequestException&gt;(), http => log.LogWarning("{N} unreachable", http.Leaves.Count)));
    /// </code>
    /// </example>
    /// <exception cref="ArgumentNullException"><paramref name="clauses"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clauses"/> gives no clause.</exception>
    public static Aff<RT, A> Handle<RT, A>(this Aff<RT, A> effect, Func<ExceptClauses<RT, A>, ExceptClauses<RT, A>> clauses)
        where RT : struct, HasCancel<RT>
    {
        ArgumentNullException.ThrowIfNull(clauses);
        var built = clauses(ExceptClauses<RT, A>.Empty)?.Clauses ?? Seq<ExceptClauses<RT, A>.Clause>.Empty;
        if (built.IsEmpty) throw new ArgumentException("Handle needs at least one clause: clauses => clauses.On(On.Exception<TimeoutException>(), …).", nameof(clauses));
        var array = built.ToArray();
        return Aff<RT, A>.EffectMaybe(async rt =>
        {
            var outcome = await effect.Run(rt).ConfigureAwait(false);
            if (outcome.IsSucc || (Error)outcome is not GroupError group) return outcome;
            return await Apply(group, array, rt).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// <see cref="Handle{RT, A}(Aff{RT, A}, Func{ExceptClauses{RT, A}, ExceptClauses{RT, A}})"/> for a runtime-free
    /// effect: the clauses are those of the shipped runtime, run under its uncancellable root.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clauses"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clauses"/> gives no clause.</exception>
    public static Aff<A> Handle<A>(this Aff<A> effect, Func<ExceptClauses<GroupRuntime, A>, ExceptClauses<GroupRuntime, A>> clauses)
    {
        var handled = ((Aff<GroupRuntime, A>)effect).Handle(clauses);
        return Aff<A>.EffectMaybe(() => handled.Run(GroupRuntime.Uncancellable));
    }

    static async ValueTask<Fin<A>> Apply<RT, A>(GroupError group, ExceptClauses<RT, A>.Clause[] clauses, RT rt)
        where RT : struct, HasCancel<RT>
    {
        // 1. Each clause takes its part of what the earlier clauses left of the original group.
        var parts = new Option<GroupError>[clauses.Length];
        Option<GroupError> rest = group;
        try
        {
            for (var i = 0; i < clauses.Length && rest.IsSome; i++)
                (parts[i], rest) = ((GroupError)rest).Split(clauses[i].Filter);
        }
        catch (Exception broken)
        {
            // A filter that throws takes nothing: the whole group stays, with the filter's error (as for Catching).
            return Fin<A>.Fail(CatchingExtensions.Joined(group, Error.New(broken)));
        }

        // 2. The clauses run in order; what they raise is kept aside, out of reach of the later clauses.
        var raised = new List<Error>();
        var value = Option<A>.None;
        var observed = false;
        for (var i = 0; i < clauses.Length; i++)
        {
            if (parts[i].IsNone) continue;
            var matched = (GroupError)parts[i];
            var clause = clauses[i];
            if (clause.Observer is { } observe)
            {
                observed = true;
                try
                {
                    observe(matched);
                }
                catch (Exception broken)
                {
                    raised.Add(Error.New(broken));
                }
                continue;
            }
            var handled = await CatchingExtensions.RunHandler(() => clause.Handler!(matched).Run(rt)).ConfigureAwait(false);
            handled.Match(Succ: v => value = v, Fail: raised.Add);
        }

        // 3. What is left: the unmatched rest, and the observed parts put back in their place (a projection onto the
        // original group, as Python rebuilds it). Filters are pure: the second reading agrees with the first.
        Option<GroupError> left;
        try
        {
            left = observed ? group.Split(new ErrorFilter(e => Left(clauses, e), "left by the clauses")).Matched : rest;
        }
        catch (Exception broken)
        {
            return Fin<A>.Fail(CatchingExtensions.Joined(group, Error.New(broken)));
        }
        if (raised.Count == 0)
            return left.Match(
                Some: static g => Fin<A>.Fail(g),
                None: () => value.Match(Some: Fin<A>.Succ, None: () => Fin<A>.Fail(group)));
        if (left.IsSome) raised.Add((GroupError)left);
        return Fin<A>.Fail(new GroupError(raised.ToSeq(), raised.Count));
    }

    /// <summary>True when a leaf stays failing: no clause matches it, or the first that does only observes.</summary>
    static bool Left<RT, A>(ExceptClauses<RT, A>.Clause[] clauses, Error leaf)
        where RT : struct, HasCancel<RT>
    {
        foreach (var clause in clauses)
            if (clause.Filter.Matches(leaf)) return clause.Observer is not null;
        return true;
    }
}
