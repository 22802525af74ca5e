using FsCheck.Xunit;
using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.Properties;

/// <summary>
/// The policies (<c>Settle</c>, <c>Validate</c>, <c>Race</c>, <c>Traverse</c>) and the options (parallelism limit,
/// timeout): the peak of live children never exceeds the limit; a race has exactly one winner and every loser ended
/// before the race returned; a timed-out group joined all children; Settle returns every outcome in order; Validate
/// reports every failure once. Gates and counters only, no sleeps, no wall clock; each case runs on the thread pool.
/// </summary>
public class PolicyProperties
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PolicyArbitraries) })]
    public Task peak_of_live_children_never_exceeds_the_limit(PolicyPlan plan) => Task.Run(async () =>
    {
        var options = GroupOptions.Default with { MaxParallelism = plan.Limit };
        var n = plan.Kids.Length;
        var injected = plan.Kids.Select(static (k, i) => k.Fails ? new InvalidOperationException($"child {i}") : null).ToArray();
        foreach (var what in new[] { "All", "Traverse", "Traverse over a task function" })
        {
            var meter = new Probe();
            async Task<int> Run(int i, CancellationToken ct)
            {
                using var _ = meter.Enter();
                for (var y = 0; y < plan.Kids[i].Yields; y++) await PoolYield.Yield();
                if (injected[i] is { } error) throw error;
                return i;
            }
            Aff<GroupRuntime, int> Make(int i) => Child.FromTask(ct => Run(i, ct));
            var fin = what switch
            {
                "All" => await Group.All(Enumerable.Range(0, n).Select(Make), options).RunAsync(),
                "Traverse" => await Group.Traverse(Enumerable.Range(0, n), Make, options).RunAsync(),
                _ => await Group.Traverse(Enumerable.Range(0, n), Run, options).RunAsync(),
            };

            Assert.True(meter.Peak <= plan.Limit, $"{what}: {meter.Peak} children ran at once under a limit of {plan.Limit}");
            Assert.True(meter.Peak >= 1, $"{what}: no child ran");
            Assert.True(meter.Live == 0, $"{what}: {meter.Live} children still live after the group ended");
            if (injected.All(static e => e is null))
                Assert.Equal(Enumerable.Range(0, n), fin.Value());
            else
            {
                // Fail fast: some of the failures (not necessarily all: the rest never started), each injected, in order.
                var entries = fin.Group().Errors.Map(PolicyKit.Identity).ToArray();
                var order = entries.Select(e => Array.IndexOf(injected, e)).ToArray();
                Assert.True(order.All(static i => i >= 0), $"{what}: an entry is not an injected failure");
                Assert.True(order.Zip(order.Skip(1)).All(static p => p.Item1 < p.Item2), $"{what}: entries out of child order");
            }
        }
    });

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PolicyArbitraries) })]
    public Task a_race_has_exactly_one_winner_and_every_loser_ended_before_it_returned(RacePlan plan) => Task.Run(async () =>
    {
        var n = plan.Runners.Length;
        var meter = new Probe();
        var go = Kids.Gate();
        var completed = new int[n];
        Aff<GroupRuntime, int> Make(int i) => plan.Runners[i].Kind switch
        {
            RunnerKind.Succeeds => Child.FromTask(async ct =>
            {
                using var _ = meter.Enter();
                await go.Task.ConfigureAwait(false);
                for (var y = 0; y < plan.Runners[i].Yields; y++) await PoolYield.Yield();
                Interlocked.Increment(ref completed[i]);
                return i;
            }),
            // Fails as it starts, while no runner can have won yet: a failure that is part of losing.
            RunnerKind.Fails => Child.FromTask<int>(ct =>
            {
                using (meter.Enter()) return Task.FromException<int>(new InvalidOperationException($"runner {i}"));
            }),
            _ => Child.FromTask(async ct =>
            {
                using var _ = meter.Enter();
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return -1;
            }),
        };

        var running = Group.Race(Enumerable.Range(0, n).Select(Make)).RunAsync().AsTask();
        Assert.False(running.IsCompleted, "the race ended before any runner could succeed");
        go.SetResult();
        var fin = await running;
        var end = Probe.Tick();

        var winner = fin.Value();
        Assert.True(winner >= 0 && winner < n && plan.Runners[winner].Kind == RunnerKind.Succeeds,
            $"the race's value {winner} is not the index of a runner that succeeds");
        Assert.True(Volatile.Read(ref completed[winner]) == 1, $"runner {winner} won without completing");
        Assert.Equal(n, meter.Started);
        Assert.Equal(n, meter.Ended);
        Assert.True(meter.Live == 0, $"{meter.Live} runners still live after the race returned");
        Assert.True(meter.LastEnd < end, "a loser ended after the race returned");
    });

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PolicyArbitraries) })]
    public Task a_timed_out_group_joined_all_children(TimeoutPlan plan) => Task.Run(async () =>
    {
        var n = plan.Kids.Length;
        var clock = new FakeTimeProvider();
        var release = Kids.Gate();
        var meter = new Probe();
        var injected = plan.Kids.Select((_, i) => plan.FailsForReal(i) ? new InvalidOperationException($"child {i}") : null).ToArray();
        async Task<int> Body(int i, CancellationToken ct)
        {
            using var _ = meter.Enter();
            switch (plan.Kids[i])
            {
                case TimedKind.Hangs:
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    return i;
                case TimedKind.CleanupFails:
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                        return i;
                    }
                    catch (OperationCanceledException)
                    {
                        throw injected[i]!;
                    }
                default:
                    await release.Task.ConfigureAwait(false);
                    return plan.Kids[i] switch
                    {
                        TimedKind.StubbornValue => i,
                        TimedKind.StubbornCancels => throw new OperationCanceledException(ct),
                        _ => throw injected[i]!,
                    };
            }
        }
        Aff<GroupRuntime, int> Make(int i) => Child.FromTask(ct => Body(i, ct));

        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
        var children = Enumerable.Range(0, n).Select(Make).ToSeq();
        var running = plan.Policy switch
        {
            PolicyKind.All => PolicyKit.FailureOf(Group.All(children, options).RunAsync()),
            PolicyKind.Settle => PolicyKit.FailureOf(Group.Settle(children, options).RunAsync()),
            PolicyKind.Validate => PolicyKit.FailureOf(Group.Validate(children, options).RunAsync()),
            PolicyKind.Race => PolicyKit.FailureOf(Group.Race(children, options).RunAsync()),
            PolicyKind.Traverse => PolicyKit.FailureOf(Group.Traverse(Enumerable.Range(0, n), Make, options).RunAsync()),
            _ => PolicyKit.FailureOf(Group.Traverse(Enumerable.Range(0, n), Body, options).RunAsync()),
        };
        Assert.False(running.IsCompleted, "the group ended before its timeout, with a child hanging");
        clock.Advance(TimeSpan.FromSeconds(1));
        release.SetResult();
        var error = await running;
        var end = Probe.Tick();

        Assert.Equal(n, meter.Started);
        Assert.Equal(n, meter.Ended);
        Assert.True(meter.Live == 0, $"{meter.Live} children still live after the timed-out group ended");
        Assert.True(meter.LastEnd < end, "a child ended after the timed-out group did");
        Assert.True(error is not null, "the group timed out with a child hanging, yet succeeded");
        var real = injected.Where(static e => e is not null).ToArray();
        if (real.Length == 0)
        {
            Assert.True(error is not GroupError && error!.Is(Errors.TimedOut), $"expected Errors.TimedOut alone, got {error}");
            return;
        }
        var entries = Assert.IsType<GroupError>(error).Errors;
        Assert.Equal(real.Length + 1, entries.Count);
        for (var i = 0; i < real.Length; i++)
            Assert.True(ReferenceEquals(PolicyKit.Identity(entries[i]), real[i]), $"entry {i} is not the injected failure {real[i]!.Message}");
        Assert.True(entries[real.Length].Is(Errors.TimedOut), $"the last entry is {entries[real.Length]}, not Errors.TimedOut");
    });

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PolicyArbitraries) })]
    public Task settle_returns_every_outcome_in_order(PolicyPlan plan) => Task.Run(async () =>
    {
        var (children, injected) = PolicyKit.Children(plan);
        var outcomes = (await Group.Settle(children, PolicyKit.OptionsOf(plan)).RunAsync()).Value();

        Assert.Equal(plan.Kids.Length, outcomes.Count);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var at = i;
            outcomes[i].Match(
                Succ: v => Assert.True(injected[at] is null && v == at, $"outcome {at}: Succ({v}), child {at} {plan.Kids[at]}"),
                Fail: e => Assert.True(e is not NamedError && ReferenceEquals(PolicyKit.Identity(e), injected[at]),
                    $"outcome {at}: Fail({e}), not the failure child {at} injected"));
        }
    });

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PolicyArbitraries) })]
    public Task validate_reports_every_failure_once(PolicyPlan plan) => Task.Run(async () =>
    {
        var (children, injected) = PolicyKit.Children(plan);
        var fin = await Group.Validate(children, PolicyKit.OptionsOf(plan)).RunAsync();

        var expected = injected.Where(static e => e is not null).ToArray();
        if (expected.Length == 0)
        {
            Assert.Equal(Enumerable.Range(0, plan.Kids.Length), fin.Value());
            return;
        }
        var group = fin.Group();
        Assert.True(group.Errors.ForAll(static e => e is not NamedError), "an unnamed child's entry has a name");
        var entries = group.Errors.Map(PolicyKit.Identity).ToArray();
        Assert.True(entries.Length == expected.Length && entries.Zip(expected).All(static p => ReferenceEquals(p.Item1, p.Item2)),
            $"entries are not the {expected.Length} injected failures in child order (got {entries.Length})");
    });
}

internal static class PolicyKit
{
    /// <summary>What a failure was injected as: the thrown exception, or the error value itself (names not seen through).</summary>
    public static object Identity(Error error) => error is Exceptional thrown ? thrown.ToException() : error;

    public static async Task<Error?> FailureOf<A>(ValueTask<Fin<A>> running) =>
        (await running.ConfigureAwait(false)).Match(Succ: static _ => (Error?)null, Fail: static e => e);

    /// <summary>No limit for limits above 4, else the plan's limit.</summary>
    public static GroupOptions OptionsOf(PolicyPlan plan) =>
        GroupOptions.Default with { MaxParallelism = plan.Limit > 4 ? null : plan.Limit };

    /// <summary>Child i yields, then gives i, or fails with a distinct exception (thrown) or error value.</summary>
    public static (Seq<Aff<GroupRuntime, int>> Children, object?[] Injected) Children(PolicyPlan plan)
    {
        var injected = plan.Kids.Select(static (k, i) => !k.Fails ? null
            : k.Thrown ? (object)new InvalidOperationException($"child {i}")
            : Error.New(1000 + i, $"child {i}")).ToArray();
        var children = plan.Kids.Select((k, i) => injected[i] is Error error
            ? Aff<GroupRuntime, int>.EffectMaybe(async _ =>
            {
                for (var y = 0; y < k.Yields; y++) await PoolYield.Yield();
                return Fin<int>.Fail(error);
            })
            : Child.FromTask(async ct =>
            {
                for (var y = 0; y < k.Yields; y++) await PoolYield.Yield();
                return injected[i] is Exception thrown ? throw thrown : i;
            })).ToSeq();
        return (children, injected);
    }
}
