using LanguageExt;
using LanguageExt.Common;
using Microsoft.Coyote.Specifications;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>The laws checked at the end of every explored schedule. A broken law is a Coyote bug report: the
/// schedule that broke it is saved and replays.</summary>
static class Laws
{
    /// <summary>What the run is allowed to report besides the raised failures.</summary>
    /// <param name="TimedOut">The group's timer fired: an <c>Errors.TimedOut</c> entry may sit beside the failures.</param>
    /// <param name="ParentCancelled">The caller's token was cancelled: <c>Errors.Cancelled</c> alone may be the outcome (G7).</param>
    /// <param name="SomeMayGoUnreported">A race: failures before the winner are part of losing (not reported).</param>
    public readonly record struct Allowances(bool TimedOut = false, bool ParentCancelled = false, bool SomeMayGoUnreported = false);

    /// <summary>G3, G13, G18: every real failure raised in the run is a leaf of the outcome exactly once (matched by
    /// the instance raised, counted as a multiset, so shared instances count once per raise); no leaf is a
    /// cancellation, and no leaf was never raised.</summary>
    public static void EveryFailureExactlyOnce<A>(Fin<A> outcome, Ledger ledger, Allowances allow)
    {
        var unmatched = ledger.Raised.ToList();
        var leaves = LeavesOf(outcome);
        // G7: the outside canceller's own error alone (the outcome itself, never a leaf of a GroupError) is not a
        // reported failure.
        if (outcome.IsFail && (Error)outcome is not GroupError and var alone
            && (allow.ParentCancelled && alone.Is(Errors.Cancelled) || allow.TimedOut && alone.Is(Errors.TimedOut)))
            leaves = [];
        foreach (var leaf in leaves)
        {
            if (allow.TimedOut && leaf is not GroupError && leaf.Is(Errors.TimedOut)) continue;
            Specification.Assert(!IsCancellation(leaf), $"G3/G13: a cancellation was reported as a failure: {leaf}");
            var at = unmatched.FindIndex(raised => IsTheSame(leaf, raised));
            Specification.Assert(at >= 0, $"G3/G18: reported a failure that was never raised, or one raise twice: {leaf} in {Show(outcome)}");
            unmatched.RemoveAt(at);
        }
        if (!allow.SomeMayGoUnreported)
            Specification.Assert(unmatched.Count == 0,
                $"G3/G18: {unmatched.Count} failure(s) lost: {string.Join("; ", unmatched)}; outcome {Show(outcome)}");
    }

    /// <summary>G15: the children that started are a prefix of the argument order, started in that order.</summary>
    public static void StartedInOrder(GroupProbe probe)
    {
        var starts = probe.Starts;
        for (var i = 0; i < starts.Count; i++)
            Specification.Assert(starts[i] == i, $"G15: {probe.Name} started children in the order {string.Join(",", starts)}");
    }

    /// <summary>The leaves of an outcome: none for a success, the flattened leaves of a <see cref="GroupError"/>, or
    /// the one error of any other failure.</summary>
    public static Seq<Error> LeavesOf<A>(Fin<A> outcome) =>
        outcome.Match(
            Succ: static _ => Seq<Error>.Empty,
            Fail: static e => e is GroupError group ? group.Leaves : Prelude.Seq1(e));

    /// <summary>G13's cancellation, seen as a reported leaf: <c>Errors.Cancelled</c> or an
    /// <see cref="OperationCanceledException"/>, never a group.</summary>
    public static bool IsCancellation(Error error) =>
        error is not GroupError
        && (error.Is(Errors.Cancelled)
            || error is Exceptional { IsExceptional: true } && error.ToException() is OperationCanceledException);

    /// <summary>Whether <paramref name="leaf"/> is the failure <paramref name="raised"/>: the very instance, or the
    /// error made of the very exception thrown.</summary>
    public static bool IsTheSame(Error leaf, object raised) =>
        ReferenceEquals(leaf, raised)
        || raised is Exception thrown && leaf is Exceptional && ReferenceEquals(leaf.ToException(), thrown);

    /// <summary>An outcome, for a bug report.</summary>
    public static string Show<A>(Fin<A> outcome) => outcome.Match(Succ: v => $"Succ({v})", Fail: e => $"Fail({e})");
}
