using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// <c>Group.Settle</c>: no fail-fast; every child's outcome, value or failure, in child order. The group itself fails
/// only when it was cancelled (from outside, or by a child cancelling its runtime) before every child settled: then
/// with the real failures seen so far as a <see cref="GroupError"/> if there were any (G3, G7), else with
/// <see cref="Errors.Cancelled"/>.
/// </summary>
internal sealed class SettleRun<RT, A> : ChildrenRun<RT, A, Seq<Fin<A>>>
    where RT : struct, HasCancel<RT>
{
    // Slot i is written only by child i, before its ChildEnded; read by Outcome after the last ChildEnded.
    readonly Fin<A>[] outcomes;

    public SettleRun(Aff<RT, A>[] children, GroupOptions options)
        : base(children.Length, options, failFast: false)
    {
        this.children = children;
        outcomes = new Fin<A>[children.Length];
    }

    readonly Aff<RT, A>[] children;

    internal override string Policy => "Settle";

    protected override Aff<RT, A> ChildAt(int index) => children[index];

    protected override string? WaitingName(int index) => NamedChild<RT, A>.Of(children[index])?.Name;

    protected override void OnValue(int index, A value) => outcomes[index] = Fin<A>.Succ(value);

    protected override void OnFailure(int index, Error error)
    {
        outcomes[index] = Fin<A>.Fail(error);
        ChildFailed(index, error);
    }

    protected override Fin<Seq<Fin<A>>> Outcome(GroupError? failure, bool incompleteRun) =>
        !incompleteRun ? Fin<Seq<Fin<A>>>.Succ(Seq.create(outcomes))
        : failure is not null ? Fin<Seq<Fin<A>>>.Fail(failure)
        : Fin<Seq<Fin<A>>>.Fail(Errors.Cancelled);
}
