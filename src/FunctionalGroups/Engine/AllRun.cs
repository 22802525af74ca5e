using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Engine;

/// <summary>
/// The parallel-all policy: every child's value in child order, or a <see cref="GroupError"/> of every real
/// failure; <see cref="Errors.Cancelled"/> when the run was cancelled with no real failure (G7).
/// </summary>
internal sealed class AllRun<RT, A> : GroupRun<RT, Seq<A>>
    where RT : struct, HasCancel<RT>
{
    readonly Aff<RT, A>[] children;

    // Slot i is written only by child i, before its ChildEnded; read by Outcome after the last ChildEnded.
    readonly A[] results;

    public AllRun(Aff<RT, A>[] children, bool startOnThreadPool) : base(children.Length, startOnThreadPool)
    {
        this.children = children;
        results = new A[children.Length];
    }

    protected override void RunChild(int index)
    {
        // Run never throws: LanguageExt catches the child's exceptions into its Fin. The child runs on this
        // thread up to its first real await, as async methods do under Task.WhenAll.
        var running = children[index].Run(Runtime);
        if (running.IsCompleted) Ended(index, running.GetAwaiter().GetResult());
        else _ = Await(index, running);
    }

    async Task Await(int index, ValueTask<Fin<A>> running)
    {
        Fin<A> outcome;
        try
        {
            outcome = await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = Fin<A>.Fail(e);
        }
        Ended(index, outcome);
    }

    void Ended(int index, Fin<A> outcome)
    {
        if (outcome.IsSucc) results[index] = (A)outcome;
        else ChildFailed(index, (Error)outcome);
        ChildEnded();
    }

    protected override Fin<Seq<A>> Outcome(GroupError? failure, bool incompleteRun) =>
        failure is not null ? FinFail<Seq<A>>(failure)
        : incompleteRun ? FinFail<Seq<A>>(Errors.Cancelled)
        : FinSucc(toSeq(results));
}
