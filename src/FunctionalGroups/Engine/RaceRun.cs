using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// <c>Group.Race</c>: the first success wins; the other children are then cancelled, and joined before the result
/// is given (G1). Failures do not cancel anyone: a race fails only if no child succeeds, with every failure.
/// <para>A loser's failure: a failure before the winner is part of losing and is not reported (like Java's
/// <c>anySuccessfulResultOrThrow</c>). A real failure after the winner was chosen happened while the loser was
/// being cancelled: its cleanup failed, and G3 reports it, so the race then fails with those failures (the
/// winner's value is not returned: a failure is never dropped).</para>
/// </summary>
internal sealed class RaceRun<RT, A> : ChildrenRun<RT, A, A>
    where RT : struct, HasCancel<RT>
{
    // 0 until the first success, then the winner's index + 1; set once by compare-and-set.
    int winner;
    A? winnerValue;

    // Slot i: child i failed for real after the winner was chosen (a loser's cleanup failure).
    readonly bool[] afterWinner;

    public RaceRun(Aff<RT, A>[] children, GroupOptions options)
        : base(children.Length, options, failFast: false)
    {
        this.children = children;
        afterWinner = new bool[children.Length];
    }

    readonly Aff<RT, A>[] children;

    internal override string Policy => "Race";

    protected override Aff<RT, A> ChildAt(int index) => children[index];

    protected override string? WaitingName(int index) => NamedChild<RT, A>.Of(children[index])?.Name;

    protected override void OnValue(int index, A value)
    {
        if (Interlocked.CompareExchange(ref winner, index + 1, 0) != 0) return;   // a loser that finished anyway
        winnerValue = value;
        NoteCause(CancelReason.RaceWon);
        Cancel();
    }

    protected override void OnFailure(int index, Error error)
    {
        // Read before recording: a failure recorded while there was no winner yet is part of losing.
        afterWinner[index] = Volatile.Read(ref winner) != 0;
        ChildFailed(index, error);
    }

    protected override Fin<A> Outcome(GroupError? failure, bool incompleteRun)
    {
        if (Volatile.Read(ref winner) == 0)
            return failure is not null ? Fin<A>.Fail(failure) : Fin<A>.Fail(Errors.Cancelled);
        return LateFailures(failure) is { } cleanup ? Fin<A>.Fail(cleanup) : Fin<A>.Succ(winnerValue!);
    }

    /// <summary>The failures of losers raised after the winner was chosen, in child order, with the orphans.</summary>
    GroupError? LateFailures(GroupError? failure)
    {
        if (failure is null) return null;
        var kept = new List<Error>();
        foreach (var (index, error) in FailuresByIndex())
            if (index < 0 || afterWinner[index]) kept.Add(error);
        // T1: the part kept is still the error of a group that cancelled its losers (the winner did): it says so.
        return kept.Count == 0 ? null
            : new GroupError(kept.ToSeq(), Math.Max(Count, kept.Count)) { Cancellation = failure.Cancellation };
    }
}
