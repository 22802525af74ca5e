using FsCheck.Xunit;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Properties;

/// <summary>Laws of scopes over random spawn trees (G1, G3, G7, G9, G10).</summary>
public class ScopeProperties
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ScopeArbitraries) })]
    public async Task scope_every_failure_is_reported_once(ScopePlan plan)
    {
        var run = await ScopePlanRun.Execute(plan);
        var happened = run.Happened.ToArray();
        if (plan.Outer == ScopeOuterCancel.BeforeStart)
        {
            Assert.Equal(0, run.BodiesRun);
            Assert.True(run.Outcome.Error().Is(Errors.Cancelled));
            return;
        }
        if (happened.Length == 0)
        {
            run.Outcome.Match(
                Succ: _ => { },
                Fail: e =>
                {
                    Assert.IsNotType<GroupError>(e);
                    Assert.True(e.Is(Errors.Cancelled), $"unexpected failure {e}");
                });
            return;
        }
        var error = run.Outcome.Group();
        var leaves = error.Leaves.Map(NamedError.Unnamed).ToArray();
        Assert.Equal(happened.Length, leaves.Length);
        foreach (var h in happened) Assert.Single(leaves, l => ReferenceEquals(l, h));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ScopeArbitraries) })]
    public async Task scope_no_child_outlives_the_scope(ScopePlan plan)
    {
        var run = await ScopePlanRun.Execute(plan);
        Assert.Equal(0, run.Probe.Live);
        Assert.Equal(run.Probe.Started, run.Probe.Ended);
        if (run.Probe.Started > 0) Assert.True(run.Probe.LastEnd < run.ScopeEnd);
        foreach (var a in run.Attempts.Where(a => a.Handle is not null))
            Assert.True(a.Handle!.Result.IsSome, "an accepted child's handle has no outcome after the scope");
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(ScopeArbitraries) })]
    public async Task no_child_spawned_after_shutdown_ever_runs(ScopePlan plan)
    {
        var run = await ScopePlanRun.Execute(plan);
        await PoolYield.Yield();
        foreach (var a in run.Attempts)
        {
            if (a.ShuttingDownAtAttempt)
                Assert.Same(SpawnRefusedError.ShuttingDown, a.Refusal);
            if (a.Refusal is not null)
            {
                Assert.Same(SpawnRefusedError.ShuttingDown, a.Refusal);   // a live member spawned: never Finished
                Assert.Equal(0, Volatile.Read(ref a.Ran));
            }
            else Assert.Equal(1, Volatile.Read(ref a.Ran));
        }
    }
}
