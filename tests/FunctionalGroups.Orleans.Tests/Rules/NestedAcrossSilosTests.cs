using FunctionalGroups.Orleans.Tests.Cluster;
using FunctionalGroups.Orleans.Tests.Grains;
using static FunctionalGroups.Orleans.Tests.Rules.Remote;

namespace FunctionalGroups.Orleans.Tests.Rules;

/// <summary>
/// Rule O5 (docs/rules.md): a grain on silo 0 runs a group (GrainGroup.Run) whose children are workers on silos 1 and
/// 2, for a group run by the client: groups nested across machines, cancelled from the outermost caller.
/// </summary>
public sealed class NestedAcrossSilosTests(ThreeSilos cluster) : IClassFixture<ThreeSilos>
{
    readonly global::Orleans.IGrainFactory client = cluster.Cluster.Client;

    Aff<GroupRuntime, string[]> Coordinator(string test, params string[] workers)
    {
        var coordinator = client.GetGrain<ICoordinator>($"0:{test}:coordinator");
        return GrainChild.Call(coordinator, (g, ct) => g.RunAll(workers, ct));
    }

    [Fact]
    public async Task O5_cancelling_the_outer_group_cancels_the_nested_group_on_other_silos_and_waits_for_its_remote_children()
    {
        var test = Scripts.NewTest();
        var left = new Script(Behaviour.AwaitCancel);
        var right = new Script(Behaviour.AwaitCancel);
        var l = Scripts.Add(test, 1, "left", left);
        var r = Scripts.Add(test, 2, "right", right);
        using var cancel = new CancellationTokenSource();

        var run = Group.All(Coordinator(test, l, r)).RunAsync(cancel.Token).AsTask();
        await Task.WhenAll(left.Started.Task, right.Started.Task).Guarded();
        await cancel.CancelAsync();
        await Task.WhenAll(left.CancelSeen.Task, right.CancelSeen.Task).Guarded();
        Assert.False(run.IsCompleted, "the outer group returned while the nested group's remote children were running");
        left.Release.SetResult();
        right.Release.SetResult();
        var outcome = await run.Guarded();

        Assert.True(left.Ended.Task.IsCompleted && right.Ended.Task.IsCompleted);
        // G7 across the network: cancelled from outside and nothing failed for real, so Errors.Cancelled alone.
        Assert.Equal(Errors.Cancelled, FailureOf(outcome));
    }

    [Fact]
    public async Task O5_a_failing_nested_group_is_one_entry_named_after_the_grain_that_ran_it_and_shows_the_remote_tree()
    {
        var test = Scripts.NewTest();
        var left = new Script(Behaviour.AwaitCancel);
        left.Release.SetResult();
        var right = new Script(Behaviour.Fail) { FailAfter = left.Started.Task, Value = "budgets" };
        var l = Scripts.Add(test, 1, "left", left);
        var r = Scripts.Add(test, 2, "right", right);

        var outcome = await Group.All(Coordinator(test, l, r)).RunAsync().AsTask().Guarded();

        var entry = OnlyEntry(FailureOf(outcome));
        Assert.Equal($"{client.GetGrain<ICoordinator>($"0:{test}:coordinator").GetGrainId()} on {cluster.SiloLabel(0)}", entry.Name);
        Assert.True(entry.Is<RemoteGroupException>());
        // The remote tree, rendered on silo 0: the failing worker's name (with its silo) and its failure.
        Assert.Contains(NameOf(client, r, cluster.SiloLabel(2)), entry.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: budgets failed", entry.Message, StringComparison.Ordinal);
        Assert.True(left.Ended.Task.IsCompleted);
    }
}
