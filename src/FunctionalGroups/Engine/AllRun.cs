using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// Every child's value in child order, or a <see cref="GroupError"/> of every real failure;
/// <see cref="Errors.Cancelled"/> when the run was cancelled with no real failure (G7). With fail-fast this is
/// <c>Group.All</c>; without, <c>Group.Validate</c> (every child runs to its end, every failure is collected).
/// </summary>
internal class AllRun<RT, A> : ChildrenRun<RT, A, Seq<A>>
    where RT : struct, HasCancel<RT>
{
    // Slot i is written only by child i, before its ChildEnded; read by Outcome after the last ChildEnded.
    readonly A[] results;

    public AllRun(Aff<RT, A>[] children, GroupOptions options, bool failFast = true)
        : this(children.Length, options, failFast) =>
        this.children = children;

    /// <summary>For a policy that makes its children as they start (<see cref="TraverseRun{RT, T, A}"/>).</summary>
    protected AllRun(int count, GroupOptions options, bool failFast)
        : base(count, options, failFast) =>
        results = new A[count];

    // The children, read by the drainer as each starts; dropped once the last has started (the effect that made this
    // run still holds the array, but a caller that no longer holds the effect frees every child's value then).
    Aff<RT, A>[]? children;

    internal override string Policy => FailFast ? "All" : "Validate";

    protected override Aff<RT, A> ChildAt(int index) => children![index];

    protected override void EveryChildStarted() => children = null;

    // Read once: the drainer may drop the array meanwhile (then no child waits any more).
    protected override string? WaitingName(int index) =>
        Volatile.Read(ref children) is { } all ? NamedChild<RT, A>.Of(all[index])?.Name : null;

    protected override void OnValue(int index, A value) => results[index] = value;

    protected override void OnFailure(int index, Error error) => ChildFailed(index, error);

    // Seq.create takes the array as it is; no slot of it is written after the run concludes.
    protected override Fin<Seq<A>> Outcome(GroupError? failure, bool incompleteRun) =>
        failure is not null ? Fin<Seq<A>>.Fail(failure)
        : incompleteRun ? Fin<Seq<A>>.Fail(Errors.Cancelled)
        : Fin<Seq<A>>.Succ(Seq.create(results));
}
