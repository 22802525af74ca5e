using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// <c>Group.TraverseStream</c>: every item's value in source order, as one <c>Seq</c> (ZIO's <c>mapZIOPar</c> run to a
/// collection, Akka's <c>mapAsync</c> to a <c>Sink.seq</c>), or a <see cref="GroupError"/> of every real failure
/// (<c>Errors.Cancelled</c> when cancelled with none, G7). The source is pulled only when a slot is free (S1):
/// under <see cref="GroupOptions.MaxParallelism"/> = p at most p items are pulled and unfinished at any time. The
/// values themselves are all kept: that is the result.
/// </summary>
internal sealed class CollectRun<RT, T, A> : FeedRun<RT, T, A, Seq<A>>
    where RT : struct, HasCancel<RT>
{
    // Under Gate: slot i holds item i's value once it succeeded; a slot is added as item i starts (in order).
    readonly List<A> values = [];

    public CollectRun(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, GroupOptions options)
        : base(open, start, options, failFast: true)
    {
    }

    internal override string Policy => "TraverseStream";

    protected override bool Admits(long index) => Limit == 0 || Running < Limit;

    protected override void OnStarting(long index) => values.Add(default!);

    protected override void OnEnded(long index, Fin<A> outcome, bool cancelled)
    {
        if (outcome.IsSucc) values[(int)index] = (A)outcome;
    }

    protected override Fin<Seq<A>> Conclude() =>
        FailedOutcome() is { } failed ? Fin<Seq<A>>.Fail(failed) : Fin<Seq<A>>.Succ(values.ToSeq().Strict());
}
