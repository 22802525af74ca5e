using FsCheck;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The join laws (G18) hold on the engine, for hand-made plans and generated ones: members join siblings (earlier,
/// later, themselves, each other) and replay on the step clock, since the engine hands a join's end to the run's
/// scheduler.
/// </summary>
public class JoinLawsTests
{
    static readonly FaultPlanSizes WithJoins = FaultPlanSizes.Default with { Joins = true };

    static FaultPlan ScopeOf(params FaultNode[] children) => FaultPlan.Create(new FaultGroup(GroupShape.Scope, children));

    static async Task<FaultRun> Holds(FaultPlan plan)
    {
        var (run, violations) = await GroupLaws.Verify(plan);
        Assert.True(violations.Count == 0, string.Join("\n", violations) + "\n" + string.Join("\n", run.Trace));
        Assert.True(run.Ended);
        return run;
    }

    [Fact]
    public async Task G18_a_join_of_a_failed_child_gives_that_very_failure()
    {
        // scope{fail1, join^0}: #2 joins #1, which fails at step 1; #2 passes the failure on; it is reported once.
        var run = await Holds(ScopeOf(Fault.Fail(1), Fault.Join(0)));
        Assert.Same(run[1].Injected, run.Joins[2].Failure);
    }

    [Fact]
    public async Task G18_a_self_join_fails_with_an_invalid_operation_naming_the_child()
    {
        var run = await Holds(ScopeOf(Fault.Succeed(1), Fault.Join(1)));
        Assert.IsType<InvalidOperationException>(run.Joins[2].Failure!.ToException());
        Assert.Contains("#1", run.Joins[2].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task G18_a_join_cycle_of_two_fails_with_an_invalid_operation_and_does_not_hang()
    {
        var run = await Holds(ScopeOf(Fault.Join(1), Fault.Join(0)));
        Assert.Contains(run.Joins.Values, static s => s.Failure?.ToException() is InvalidOperationException);
    }

    [Fact]
    public async Task G18_a_shared_failure_passed_on_by_a_joiner_and_raised_by_another_member_is_reported_twice()
    {
        // The review's class 3: #1 fails with the shared error, #2 joins it and passes it on, #3 fails later with the
        // same instance on its own: two failures (#1's and #3's), each reported once.
        var run = await Holds(ScopeOf(Fault.FailWith(FailureForm.SharedError, 1), Fault.Join(0), Fault.IgnoreCancel(2, thenFail: true) with { Form = FailureForm.SharedError }));
        Assert.Equal(2, ((GroupError)run.Result.Match(Succ: static _ => Errors.None, Fail: static e => e)).Leaves.Count);
    }

    [Fact]
    public async Task G18_a_join_after_the_shared_failure_ended_and_a_later_failure_with_that_instance_are_both_counted()
    {
        // #1 fails at step 1 with the shared error (the scope shuts down); #2 joins it at step 2, ignoring its token,
        // and passes it on; #3 ignores the cancellation and fails with the same instance at step 3, on its own.
        var run = await Holds(ScopeOf(Fault.FailWith(FailureForm.SharedError, 1), Fault.Join(0, stepsBefore: 2), Fault.IgnoreCancel(3, thenFail: true) with { Form = FailureForm.SharedError }));
        Assert.Same(run[1].Injected, run.Joins[2].Failure);
        Assert.Equal(2, ((GroupError)run.Result.Match(Succ: static _ => Errors.None, Fail: static e => e)).Leaves.Count);
    }

    [Fact]
    public async Task a_run_with_joins_replays_identically()
    {
        var plan = ScopeOf(Fault.Fail(2), Fault.Join(0), Fault.Join(3), Fault.Join(2), Fault.Succeed(1), Fault.Join(4));
        var first = await Holds(plan);
        var second = await Holds(plan);
        Assert.Equal(Strip(first), Strip(second));

        static string[] Strip(FaultRun run) => run.Trace.Select(static t => System.Text.RegularExpressions.Regex.Replace(t, @"run \d+", "run _")).ToArray();
    }

    [Property(MaxTest = 300)]
    public Property G18_JoinGivesTheChildsFailure_holds_for_generated_plans_with_joins() => GroupLaws.JoinGivesTheChildsFailure();

    [Property(MaxTest = 300)]
    public Property G18_JoinCyclesFailClearly_holds_for_generated_plans_with_joins() => GroupLaws.JoinCyclesFailClearly();

    [Property(MaxTest = 300)]
    public Property every_law_holds_for_generated_plans_with_joins_and_shared_errors() => GroupLaws.Hold(WithJoins);
}
