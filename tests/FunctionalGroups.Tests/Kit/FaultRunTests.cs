using FunctionalGroups.Testing;

using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Kit;

/// <summary>The kit's interpreter and step clock on hand-written plans: what a run records, step by step.</summary>
public class FaultRunTests
{
    [Fact]
    public async Task a_plan_in_which_nothing_fails_gives_every_leaf_in_order()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.Succeed(2), Fault.All(Fault.Succeed(1), Fault.IgnoreCancel(3)), Fault.Succeed()));

        Assert.True(run.Ended);
        Assert.Equal(new[] { 1, 3, 4, 5 }, run.Result.Value());
        Assert.Equal(3, run.Steps);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task a_failure_cancels_the_hanging_sibling_at_the_step_it_fails()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.Hang().Named("slow"), Fault.Fail(2)));

        Assert.True(run.Ended);
        Assert.True(run[1].SawCancellation, "the hanging child did not see the cancellation");
        Assert.NotNull(run[2].Injected);
        Assert.Equal(2, run.Steps);
        Assert.Same(run[2].Injected, Assert.Single(run.Result.Group().Errors));
        Assert.Equal(
            ["step 0: #0 start", "step 0: #1 start", "step 0: #2 start", "step 2: #2 injected", "step 2: #2 end", "step 2: #1 end", "step 2: #0 end: Fail 1 of 2 tasks failed"],
            run.Trace);
    }

    [Fact]
    public async Task a_failure_in_cleanup_is_reported_and_the_group_waits_for_it()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.FailInCleanup(2, thrown: true), Fault.Fail(1)));

        var entries = run.Result.Group().Errors;
        Assert.Equal(2, entries.Count);
        Assert.Same(run[1].Injected, entries[0].ToException());
        Assert.Equal(3, run.Steps);   // the failure at step 1, then two steps of cleanup
        Assert.True(run[1].End < run.EndMark);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task an_outer_cancel_at_a_step_ends_the_run_cancelled()
    {
        var plan = FaultPlan.Create(new FaultGroup(GroupShape.All, [Fault.Hang(), Fault.Succeed(5)]), OuterEvent.Cancel, 2);
        var run = await FaultRun.Execute(plan);

        Assert.True(run.OuterCancelled);
        Assert.True(run.Result.Error().Is(Errors.Cancelled));
        Assert.Equal(2, run.Steps);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task a_timeout_at_a_step_is_reported_beside_the_real_failures()
    {
        var plan = FaultPlan.Create(new FaultGroup(GroupShape.All, [Fault.Hang(), Fault.FailInCleanup()]), OuterEvent.Timeout, 3);
        var run = await FaultRun.Execute(plan);

        Assert.True(run.TimeoutReached);
        var entries = run.Result.Group().Errors;
        Assert.Same(run[2].Injected, entries[0]);
        Assert.True(entries[1].Is(Errors.TimedOut));
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task a_scope_spawns_and_refuses_spawns_once_it_is_shutting_down()
    {
        // The body spawns #1 and #4. The spawner #1 takes a step before each spawn: at step 1 it spawns #2 (released
        // before #4, in member order), then #4 fails and shuts the scope down, so at step 2 the spawn of #3 is refused.
        var plan = FaultPlan.Create(new FaultGroup(GroupShape.Scope, [new FaultSpawner([Fault.Succeed(3), Fault.Succeed()], 1), Fault.Fail(1)]));
        var run = await FaultRun.Execute(plan);

        var spawns = run.Spawns;
        Assert.Equal([1, 4, 2, 3], spawns.Select(static s => s.Node));
        Assert.Null(spawns[2].Refusal);
        Assert.True(run[2].SawCancellation);
        Assert.Same(SpawnRefusedError.ShuttingDown, spawns[3].Refusal);
        Assert.False(run[3].Started);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task a_hang_with_nothing_to_cancel_it_is_reported_not_waited_for()
    {
        // Group.Settle does not fail fast: the failure cancels nobody, and the hang would wait for ever.
        var plan = FaultPlan.Of(Fault.Hang(), Fault.Fail());
        var run = await FaultRun.Execute(plan);   // Group.All: ends
        Assert.True(run.Ended);

        var injection = await FaultInjection.Run(InjectionPlan.Of(Fault.Hang(), Fault.Fail()),
            faults => Group.Settle(faults.Wrap(Child.FromTask(_ => Task.FromResult(1))), faults.Wrap(Child.FromTask(_ => Task.FromResult(2)))));
        Assert.False(injection.Ended);
        Assert.Equal([0], injection.Stuck);
    }
}
