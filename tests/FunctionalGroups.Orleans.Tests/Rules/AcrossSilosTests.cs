using FunctionalGroups.Orleans.Tests.Cluster;
using FunctionalGroups.Orleans.Tests.Grains;
using static FunctionalGroups.Orleans.Tests.Rules.Remote;

namespace FunctionalGroups.Orleans.Tests.Rules;

/// <summary>
/// Rules O1, O2 and O4 (docs/rules.md) on a real three-silo cluster: a group run by the cluster's client whose children
/// are calls to worker grains placed on silos 0, 1 and 2. Every wait is on a gate a grain opens or the test opens.
/// </summary>
public sealed class AcrossSilosTests(ThreeSilos cluster) : IClassFixture<ThreeSilos>
{
    readonly global::Orleans.IGrainFactory client = cluster.Cluster.Client;

    [Fact]
    public async Task O1_a_failure_on_one_silo_cancels_the_siblings_on_the_others_and_the_group_returns_after_each_remote_call_returned()
    {
        var test = Scripts.NewTest();
        var accounts = new Script(Behaviour.AwaitCancel);
        var transactions = new Script(Behaviour.AwaitCancel);
        var budgets = new Script(Behaviour.Fail)
        {
            FailAfter = Task.WhenAll(accounts.Started.Task, transactions.Started.Task), Value = "budgets",
        };
        var a = Scripts.Add(test, 0, "accounts", accounts);
        var t = Scripts.Add(test, 1, "transactions", transactions);
        var b = Scripts.Add(test, 2, "budgets", budgets);

        var run = Group.All(Child(client, a), Child(client, t), Child(client, b)).RunAsync().AsTask();

        // Both siblings saw the cancellation on their own silos and are still running: the group must still be waiting.
        await Task.WhenAll(accounts.CancelSeen.Task, transactions.CancelSeen.Task).Guarded();
        Assert.False(run.IsCompleted, "the group returned while remote children were still running");
        accounts.Release.SetResult();
        transactions.Release.SetResult();
        var outcome = await run.Guarded();

        Assert.True(accounts.Ended.Task.IsCompleted && transactions.Ended.Task.IsCompleted);
        Assert.Equal(cluster.SiloLabel(0), await accounts.Started.Task);
        Assert.Equal(cluster.SiloLabel(1), await transactions.Started.Task);
        var entry = OnlyEntry(FailureOf(outcome));
        Assert.Equal(NameOf(client, b, cluster.SiloLabel(2)), entry.Name);
        Assert.True(entry.Is<InvalidOperationException>());
    }

    [Fact]
    public async Task O2_a_remote_child_that_ignores_cancellation_keeps_the_group_waiting()
    {
        var test = Scripts.NewTest();
        var stubborn = new Script(Behaviour.IgnoreCancel);
        var failing = new Script(Behaviour.Fail) { FailAfter = stubborn.Started.Task };
        var s = Scripts.Add(test, 1, "stubborn", stubborn);
        var f = Scripts.Add(test, 2, "failing", failing);

        var run = Group.All(Child(client, s), Child(client, f)).RunAsync().AsTask();

        await stubborn.CancelSeen.Task.Guarded();
        Assert.False(run.IsCompleted, "the group returned while a remote child that ignores cancellation was running");
        stubborn.Release.SetResult();
        var outcome = await run.Guarded();

        Assert.True(stubborn.Ended.Task.IsCompleted);
        // The child that swallowed its cancellation and returned a value is not a failure (G3).
        Assert.Equal(NameOf(client, f, cluster.SiloLabel(2)), OnlyEntry(FailureOf(outcome)).Name);
    }

    [Fact]
    public async Task O2_if_the_response_timeout_fires_first_the_child_fails_saying_the_remote_work_was_not_confirmed_ended()
    {
        // Run on a silo, as a grain's group would: the timed-out call's message names the grain's silo there (from a
        // client it names only the gateway; see the next test).
        var factory = cluster.HostFactory;
        var test = Scripts.NewTest();
        var stubborn = new Script(Behaviour.IgnoreCancel);
        // The 1 s timeout is a real clock, so the test gives the same outcome whichever comes first. The stubborn call
        // is sent once the failing grain runs (a cancellation can then no longer stop that grain before it starts);
        // the failing grain fails once the stubborn grain runs, or once the stubborn call has timed out, on a machine
        // so busy that its request was not even started within the second (Orleans then drops it as expired).
        var stubbornCallEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = new Script(Behaviour.Fail) { FailAfter = Task.WhenAny(stubborn.Started.Task, stubbornCallEnded.Task) };
        var s = Scripts.Add(test, 1, "stubborn", stubborn);
        var f = Scripts.Add(test, 2, "failing", failing);
        // Activated before the timed call, so that call is addressed to silo 1 at once, whatever the load.
        await Worker(factory, s).Ping().Guarded();
        var stubbornChild = GrainChild.Call(Worker(factory, s), async (g, ct) =>
        {
            await failing.Started.Task;
            try
            {
                return await g.WorkShortTimeout(ct);
            }
            finally
            {
                stubbornCallEnded.TrySetResult();
            }
        });

        var outcome = await Group.All(stubbornChild, Child(factory, f)).RunAsync().AsTask().Guarded();

        // The remote method is still running (its gate is closed): the group did not count it as joined.
        Assert.False(stubborn.Ended.Task.IsCompleted);
        var group = Assert.IsType<GroupError>(FailureOf(outcome));
        Assert.Equal(2, group.Errors.Count);
        var unconfirmed = Assert.IsType<NamedError>(group.Errors[0]);
        var error = Assert.IsType<RemoteEndUnconfirmedError>(unconfirmed.Error);
        var silo = cluster.Silo(1).SiloAddress.ToString();
        Assert.Equal(silo, error.Silo);
        Assert.Equal(NameOf(factory, s, silo), unconfirmed.Name);
        Assert.Contains("not confirmed ended", error.Message, StringComparison.Ordinal);
        Assert.Equal(NameOf(factory, f, cluster.SiloLabel(2)), Assert.IsType<NamedError>(group.Errors[1]).Name);

        await ReleaseAsync(stubborn);
    }

    [Fact]
    public async Task O2_from_a_client_a_timed_out_child_says_its_silo_is_unknown_and_names_the_gateway_instead()
    {
        var test = Scripts.NewTest();
        var stubborn = new Script(Behaviour.IgnoreCancel);
        var s = Scripts.Add(test, 1, "stubborn", stubborn);
        // Activated (and the client's gateway connected) before the timed call; the outcome is the same if the call
        // times out before the grain has started it.
        await Worker(client, s).Ping().Guarded();
        var stubbornChild = GrainChild.Call(Worker(client, s), (g, ct) => g.WorkShortTimeout(ct));

        var outcome = await Group.All(stubbornChild).RunAsync().AsTask().Guarded();

        var entry = OnlyEntry(FailureOf(outcome));
        var error = Assert.IsType<RemoteEndUnconfirmedError>(entry.Error);
        Assert.StartsWith("an unknown silo (sent through the gateway S", error.Silo, StringComparison.Ordinal);
        Assert.False(stubborn.Ended.Task.IsCompleted);
        await ReleaseAsync(stubborn);
    }

    /// <summary>
    /// Lets a stubborn grain whose call timed out end. A request that timed out before the grain started it may have
    /// been dropped as expired: the grain then never runs, and there is nothing to wait for.
    /// </summary>
    static async Task ReleaseAsync(Script stubborn)
    {
        stubborn.Release.SetResult();
        if (stubborn.Started.Task.IsCompleted) await stubborn.Ended.Task.Guarded();
    }

    [Fact]
    public async Task O2_a_timeout_thrown_by_the_grain_itself_is_the_grain_s_own_failure_not_an_unconfirmed_end()
    {
        var test = Scripts.NewTest();
        // Worded like Orleans' own timeout on purpose: it came back as the grain's response, so the grain has ended.
        var own = new Script(Behaviour.Fail) { Throws = new TimeoutException("Response did not arrive on time from a downstream service") };
        var o = Scripts.Add(test, 1, "own-timeout", own);

        var outcome = await Group.All(Child(client, o)).RunAsync().AsTask().Guarded();

        var entry = OnlyEntry(FailureOf(outcome));
        Assert.Equal(NameOf(client, o, cluster.SiloLabel(1)), entry.Name);
        Assert.IsNotType<RemoteEndUnconfirmedError>(entry.Error);
        Assert.True(entry.Is<TimeoutException>());
    }

    [Fact]
    public async Task O4_every_failure_is_reported_once_in_child_order_with_the_grain_and_its_silo_in_the_name()
    {
        var test = Scripts.NewTest();
        // Both failures wait for a gate the test opens once all three have started: both are real failures, whatever
        // the order in which they end, and the quiet sibling is cancelled while it runs (a cancellation that reaches a
        // request still queued on its silo answers it without running the grain; one that arrives before the request
        // is retried by Orleans for a few seconds only).
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new Script(Behaviour.Fail) { Value = "first", FailAfter = go.Task };
        var second = new Script(Behaviour.Fail) { Value = "second", FailAfter = go.Task };
        var quiet = new Script(Behaviour.AwaitCancel);
        quiet.Release.SetResult();
        var f1 = Scripts.Add(test, 0, "first", first);
        var f2 = Scripts.Add(test, 1, "second", second);
        var q = Scripts.Add(test, 2, "quiet", quiet);

        var run = Group.All(Child(client, f1), Child(client, f2), Child(client, q)).RunAsync().AsTask();
        await Task.WhenAll(first.Started.Task, second.Started.Task, quiet.Started.Task).Guarded();
        go.SetResult();
        var outcome = await run.Guarded();

        var group = Assert.IsType<GroupError>(FailureOf(outcome));
        Assert.Equal(
            [NameOf(client, f1, cluster.SiloLabel(0)), NameOf(client, f2, cluster.SiloLabel(1))],
            group.Leaves.Map(e => Assert.IsType<NamedError>(e).Name).ToArray());
        Assert.True(quiet.Ended.Task.IsCompleted);
    }

    [Fact]
    public void G12_a_grain_child_refuses_a_null_call_when_built()
    {
        var grain = Worker(client, $"0:{Scripts.NewTest()}:unused");
        Assert.Throws<ArgumentNullException>(() => GrainChild.Call<IWorker, string>(grain, null!));
        Assert.Throws<ArgumentNullException>(() => GrainChild.Call(grain, (Func<IWorker, CancellationToken, Task>)null!));
    }
}
