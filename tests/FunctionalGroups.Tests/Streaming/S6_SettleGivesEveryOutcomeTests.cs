using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S6: SettleAsCompleted gives every child's outcome, value or failure, as it ends; a failure cancels no
/// sibling and the enumeration ends normally.</summary>
public class S6_SettleGivesEveryOutcomeTests
{
    [Fact]
    public async Task S6_every_outcome_is_given_and_a_failure_cancels_no_sibling()
    {
        var gates = new ItemGates(3);
        var boom = new InvalidOperationException("boom");
        var children = new[]
        {
            Child.FromTask(ct => gates.Body(0, ct)),
            Child.FromTask<int>(_ => throw boom).Named("b"),
            Child.FromTask(ct => gates.Body(2, ct)),
        };
        var outcomes = new List<Completed<Fin<int>>>();
        await using var e = Group.SettleAsCompleted(children, Limit(3)).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        outcomes.Add(e.Current);
        Assert.False(gates.SawCancel[0].Task.IsCompleted || gates.SawCancel[2].Task.IsCompleted);
        gates.Release[2].SetResult();
        Assert.True(await e.MoveNextAsync());
        outcomes.Add(e.Current);
        gates.Release[0].SetResult();
        Assert.True(await e.MoveNextAsync());
        outcomes.Add(e.Current);
        Assert.False(await e.MoveNextAsync());
        Assert.Equal(new long[] { 1, 2, 0 }, outcomes.Select(o => o.Index));
        Assert.Equal("b", outcomes[0].Name);
        Assert.Same(boom, outcomes[0].Value.Error().ToException());
        Assert.Equal(2, outcomes[1].Value.Value());
        Assert.Equal(0, outcomes[2].Value.Value());
    }

    [Fact]
    public async Task S6_a_cancelled_settle_ends_with_OperationCanceledException_after_the_join()
    {
        using var cts = new CancellationTokenSource();
        var gates = new ItemGates(1);
        await using var e = Group.SettleAsCompleted(new[] { Child.FromTask(ct => gates.Body(0, ct)) }).GetAsyncEnumerator(cts.Token);
        var next = e.MoveNextAsync().AsTask();
        await gates.Started[0].Task;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.Equal(1, gates.Ended);
    }
}
