using FunctionalGroups.CancelScopes;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;
using static LanguageExt.Prelude;

namespace FunctionalGroups;

/// <summary>
/// Trio's cancel scopes for one effect: <see cref="FailAfter{RT, A}(Aff{RT, A}, TimeSpan)"/> (Trio <c>fail_after</c>,
/// Kotlin <c>withTimeout</c>), <see cref="MoveOnAfter{RT, A}(Aff{RT, A}, TimeSpan)"/> (<c>move_on_after</c>,
/// <c>withTimeoutOrNull</c>) and <see cref="Shield{RT, A}(Aff{RT, A})"/> (<c>shield=True</c>,
/// <c>withContext(NonCancellable)</c>). Each keeps the group rules: the effect never outlives its caller (G1), and a real
/// failure is never dropped (G3).
/// </summary>
/// <remarks>
/// <para><b>C1 — A deadline waits.</b> When the time runs out the effect's token is cancelled and the scope waits for the
/// effect to end before it answers. LanguageExt's own <c>Aff.Timeout</c> runs the effect under an unlinked
/// <c>LocalCancel</c> and answers at once, leaving it running; <c>Task.WaitAsync</c> does the same.</para>
/// <para><b>C2 — Only a cancellation the deadline caused is a timeout.</b> If the effect ends in a cancellation (G13) and
/// the deadline was first to cancel it, <c>FailAfter</c> fails with <c>Errors.TimedOut</c> and <c>MoveOnAfter</c> gives
/// <c>None</c>. A value the effect returns anyway is its result; a real failure is its failure (G3), also after the
/// deadline; a failure a token callback raised while cancelling is reported instead of the timeout.</para>
/// <para><b>C3 — Deadlines nest.</b> The effect's token is also cancelled by the caller's: an inner deadline never extends
/// an outer one. The scope whose deadline cancelled first gives the answer: an outer deadline reaches the inner scope
/// as its caller's cancellation, which the inner scope passes on as a cancellation (never as its own timeout), and the
/// outer scope turns into its timeout. A caller cancelled already starts nothing (<c>Errors.Cancelled</c>, G7).</para>
/// <para><b>C4 — A shield keeps cancellation out, not its caller waiting.</b> A shielded effect runs under a fresh token
/// that no caller can cancel, and its caller (a group, a deadline) waits for it to end (G1). Its failure is a real
/// failure (G3); a cancellation coming out of a shield can only have come from inside it, and is reported as a real
/// failure too. To bound a shielded effect, put the deadline inside: <c>cleanup.FailAfter(d).Shield()</c>.</para>
/// <para>Time comes from a <see cref="System.TimeProvider"/> (<see cref="TimeProvider.System"/> unless one is given). The
/// timer, the links and the effect's source are disposed on every path.</para>
/// <para>Why not <c>Timeout</c>: <c>Aff&lt;RT, A&gt;</c> has an instance method <c>Timeout(TimeSpan)</c>, which C# always
/// prefers to an extension of the same shape, so <c>effect.Timeout(d)</c> would silently mean LanguageExt's. The pair
/// takes Trio's names instead.</para>
/// </remarks>
/// <example>
/// <code>
/// var quote = fetchQuote.FailAfter(TimeSpan.FromSeconds(2));          // Errors.TimedOut, after the fetch has ended
/// var cached = fetchQuote.MoveOnAfter(TimeSpan.FromMilliseconds(50));  // None when the time ran out
/// var flush = flushLog.FailAfter(TimeSpan.FromSeconds(5)).Shield();    // finishes even when its group is cancelled
/// </code>
/// </example>
public static class CancelScope
{
    /// <summary>
    /// Runs <paramref name="effect"/> with a deadline <paramref name="duration"/> from its start on
    /// <see cref="TimeProvider.System"/>; see <see cref="FailAfter{RT, A}(Aff{RT, A}, TimeSpan, TimeProvider)"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, infinite, or longer than
    /// <see cref="GroupOptions.MaxTimeout"/>.</exception>
    public static Aff<RT, A> FailAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration)
        where RT : struct, HasCancel<RT> =>
        FailAfter(effect, duration, TimeProvider.System);

    /// <summary>
    /// Runs <paramref name="effect"/> with a deadline <paramref name="duration"/> from its start, measured on
    /// <paramref name="timeProvider"/>. When it passes, the effect's token is cancelled and this waits for the effect to
    /// end (C1); if the effect then ended in a cancellation, it fails with <c>Errors.TimedOut</c> (C2). A value or a
    /// real failure of the effect is its outcome, also after the deadline. Nests under outer deadlines (C3).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, infinite, or longer than
    /// <see cref="GroupOptions.MaxTimeout"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public static Aff<RT, A> FailAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration, TimeProvider timeProvider)
        where RT : struct, HasCancel<RT>
    {
        Check(duration, timeProvider);
        return AffMaybe<RT, A>(async runtime =>
        {
            var ended = await Deadline.Run(effect, runtime, duration, timeProvider).ConfigureAwait(false);
            return ended.TimedOut ? Fin<A>.Fail(Errors.TimedOut) : ended.Fin;
        });
    }

    /// <summary>
    /// Runs <paramref name="effect"/> with a deadline <paramref name="duration"/> from its start on
    /// <see cref="TimeProvider.System"/>; see <see cref="MoveOnAfter{RT, A}(Aff{RT, A}, TimeSpan, TimeProvider)"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, infinite, or longer than
    /// <see cref="GroupOptions.MaxTimeout"/>.</exception>
    public static Aff<RT, Option<A>> MoveOnAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration)
        where RT : struct, HasCancel<RT> =>
        MoveOnAfter(effect, duration, TimeProvider.System);

    /// <summary>
    /// <see cref="FailAfter{RT, A}(Aff{RT, A}, TimeSpan, TimeProvider)"/> that gives <c>None</c> instead of
    /// <c>Errors.TimedOut</c> (Trio's <c>move_on_after</c>, Kotlin's <c>withTimeoutOrNull</c>): <c>Some</c> of the
    /// effect's value, <c>None</c> when the deadline cancelled it (C2), after it has ended (C1). A real failure stays a
    /// failure; a cancellation from an outer scope stays a cancellation (C3).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, infinite, or longer than
    /// <see cref="GroupOptions.MaxTimeout"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public static Aff<RT, Option<A>> MoveOnAfter<RT, A>(this Aff<RT, A> effect, TimeSpan duration, TimeProvider timeProvider)
        where RT : struct, HasCancel<RT>
    {
        Check(duration, timeProvider);
        return AffMaybe<RT, Option<A>>(async runtime =>
        {
            var ended = await Deadline.Run(effect, runtime, duration, timeProvider).ConfigureAwait(false);
            return ended.TimedOut
                ? Fin<Option<A>>.Succ(None)
                : ended.Fin.Match(value => Fin<Option<A>>.Succ(Some(value)), Fin<Option<A>>.Fail);
        });
    }

    /// <summary>
    /// Runs <paramref name="effect"/> under a fresh token that no caller's cancellation reaches (C4), for cleanup that
    /// must finish even when its group is cancelled; the caller still waits for it (G1). It starts even when the caller
    /// is cancelled already. Its failure is a real failure (G3), and so is a cancellation coming out of it (it can only
    /// come from inside). Bound it with a deadline inside the shield: <c>effect.FailAfter(d).Shield()</c>; a deadline
    /// outside it waits for it.
    /// </summary>
    public static Aff<RT, A> Shield<RT, A>(this Aff<RT, A> effect)
        where RT : struct, HasCancel<RT> =>
        AffMaybe<RT, A>(runtime => Shielded.Run(effect, runtime));

    static void Check(TimeSpan duration, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (duration < TimeSpan.Zero || duration > GroupOptions.MaxTimeout)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"A deadline is zero or positive and at most {nameof(GroupOptions)}.{nameof(GroupOptions.MaxTimeout)} (about 49.7 days).");
    }
}
