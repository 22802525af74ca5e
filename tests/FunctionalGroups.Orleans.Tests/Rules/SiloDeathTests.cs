using FunctionalGroups.Orleans.Tests.Cluster;
using FunctionalGroups.Orleans.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using static FunctionalGroups.Orleans.Tests.Rules.Remote;

namespace FunctionalGroups.Orleans.Tests.Rules;

/// <summary>
/// Rule O3 (docs/rules.md): a silo dies while the group's child on it runs. The group runs on silo 0 (as in a
/// grain: the silo breaks the calls to a silo its membership declares dead), with its own cluster, since one silo dies.
/// The test kills the silo, then declares it dead through silo 0's membership, so nothing waits on probe timeouts.
/// </summary>
public sealed class SiloDeathTests(ThreeSilosOneToKill cluster) : IClassFixture<ThreeSilosOneToKill>
{
    [Fact]
    public async Task O3_a_silo_that_dies_mid_group_fails_its_child_naming_the_silo_and_the_siblings_are_cancelled()
    {
        var factory = cluster.HostFactory;
        var test = Scripts.NewTest();
        var accounts = new Script(Behaviour.AwaitCancel);
        var transactions = new Script(Behaviour.AwaitCancel);
        accounts.Release.SetResult();
        transactions.Release.SetResult();
        var doomed = new Script(Behaviour.Succeed); // its gate never opens: only its silo's death ends the call
        var a = Scripts.Add(test, 0, "accounts", accounts);
        var t = Scripts.Add(test, 1, "transactions", transactions);
        var d = Scripts.Add(test, 2, "budgets", doomed);
        var dying = cluster.Silo(2);
        var dyingAddress = dying.SiloAddress.ToString();
        var membership = cluster.Silo(0).SiloHost.Services.GetRequiredService<IClusterMembershipService>();

        var run = Group.All(Child(factory, a), Child(factory, t), Child(factory, d)).RunAsync().AsTask();
        await Task.WhenAll(accounts.Started.Task, transactions.Started.Task, doomed.Started.Task).Guarded();
        await cluster.Cluster.KillSiloAsync(dying).Guarded();
        // The membership declares the killed silo dead now, as its probes would once they had missed it: probes fast
        // enough for a test would also declare a live silo dead on a busy machine.
        Assert.True(await membership.TryKill(dying.SiloAddress).Guarded());
        var outcome = await run.Guarded();

        Assert.True(accounts.CancelSeen.Task.IsCompleted && transactions.CancelSeen.Task.IsCompleted);
        Assert.True(accounts.Ended.Task.IsCompleted && transactions.Ended.Task.IsCompleted);
        var entry = OnlyEntry(FailureOf(outcome));
        var lost = Assert.IsType<SiloLostError>(entry.Error);
        Assert.Equal(dyingAddress, lost.Silo);
        Assert.Equal($"{Worker(factory, d).GetGrainId()} on {dyingAddress}", entry.Name);
        Assert.Contains(dyingAddress, lost.Message, StringComparison.Ordinal);
    }
}
