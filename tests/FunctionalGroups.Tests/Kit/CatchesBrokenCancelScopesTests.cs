using FsCheck;
using FsCheck.Fluent;
using FunctionalGroups.Testing;
using Xunit.Abstractions;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The cancel-scope laws can fail: a deadline that abandons its effect (LanguageExt's own <c>Aff.Timeout</c>, which
/// answers at once and leaves the effect running) breaks <see cref="GroupLaw.TimeoutsJoinTheirEffect"/> (C1), and a
/// "shield" that lets the caller's cancellation through breaks <see cref="GroupLaw.ShieldedCleanupRunsToItsEnd"/> (C4).
/// The kit names the law and the member, and finds each in generated plans from fixed seeds, shrunk to a small plan.
/// </summary>
public class CatchesBrokenCancelScopesTests(ITestOutputHelper output)
{
    static readonly FaultPlanSizes WithCancelScopes = FaultPlanSizes.Default with { CancelScopes = true };

    /// <summary>C1 broken: LanguageExt's <c>Aff.Timeout</c> in place of <c>FailAfter</c>. With a deadline that has passed
    /// (zero: its <c>Task.Delay</c> is complete at once, so the run stays on the step clock) it cancels the effect's
    /// unlinked token and answers <c>Errors.TimedOut</c> without waiting for the effect to end.</summary>
    static readonly EngineHooks LanguageExtsTimeout = new(FailAfter: static (body, _, _) => body.Timeout(TimeSpan.Zero));

    /// <summary>C1 broken, on the plan's own deadline: the shape of <c>Aff.Timeout</c> (an unlinked token, a race with a
    /// timer) on the run's fake clock; at the deadline it cancels the effect and answers at once.</summary>
    static readonly EngineHooks Abandons = new(FailAfter: static (body, due, time) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            var local = rt.LocalCancel;
            var running = body.Run(local).AsTask();
            var expired = new TaskCompletionSource();
            using var timer = time.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), expired, due, Timeout.InfiniteTimeSpan);
            if (await Task.WhenAny(expired.Task, running).ConfigureAwait(false) != expired.Task) return await running.ConfigureAwait(false);
            local.CancellationTokenSource.Cancel();
            return Fin<Seq<int>>.Fail(Errors.TimedOut);
        }));

    /// <summary>C4 broken: a shield that is no shield (the caller's cancellation reaches the body).</summary>
    static readonly EngineHooks Porous = new(Shield: static body => body);

    static async Task<IReadOnlyList<LawViolation>> Violations(FaultPlan plan, EngineHooks hooks, GroupLaw law) =>
        GroupLaws.Violations(await FaultRun.Execute(plan, hooks), law);

    /// <summary>
    /// Runs <paramref name="count"/> plans generated from a fixed seed with <paramref name="hooks"/>, then shrinks the
    /// first that breaks <paramref name="law"/> greedily with the kit's shrinker: how many plans broke it, and the shrunk
    /// plan. Deterministic: the same seed gives the same plans, and the step clock the same runs.
    /// </summary>
    async Task<(int Found, int FirstAt, FaultPlan Shrunk, int Steps)> Hunt(EngineHooks hooks, GroupLaw law, int count)
    {
        var plans = Gen.Sample(FaultArbitraries.PlanGen(WithCancelScopes), count, new Rnd(17, 1_777), 50);
        var found = 0;
        var firstAt = -1;
        for (var i = 0; i < plans.Length; i++)
            if ((await Violations(plans[i], hooks, law)).Count > 0)
            {
                found++;
                if (firstAt < 0) firstAt = i;
            }
        Assert.True(firstAt >= 0, $"no plan of {count} broke {law}");
        var shrunk = plans[firstAt];
        var steps = 0;
        for (var smaller = true; smaller && steps < 200;)
        {
            smaller = false;
            foreach (var candidate in FaultArbitraries.Plans(WithCancelScopes).Shrinker(shrunk))
                if ((await Violations(candidate, hooks, law)).Count > 0)
                {
                    shrunk = candidate;
                    steps++;
                    smaller = true;
                    break;
                }
        }
        output.WriteLine($"{law}: {found} of {count} plans broke it, the first at case {firstAt + 1} ({plans[firstAt]}); shrunk in {steps} steps to {shrunk}");
        return (found, firstAt, shrunk, steps);
    }

    [Fact]
    public async Task C1_LanguageExts_Timeout_breaks_TimeoutsJoinTheirEffect()
    {
        var plan = FaultPlan.Of(Fault.FailAfter(2, Fault.IgnoreCancel(1)));
        var violations = await Violations(plan, LanguageExtsTimeout, GroupLaw.TimeoutsJoinTheirEffect);
        Assert.Equal(
            ["TimeoutsJoinTheirEffect at node #1: FailAfter #1 answered with 1 member(s) below it still running: it abandoned its effect",
             "TimeoutsJoinTheirEffect at node #2: (stubborn-ok1) started and never ended, yet FailAfter #1 answered"],
            violations.Select(static v => v.ToString()));
        // The library's FailAfter joins the same effect.
        Assert.Empty(GroupLaws.Violations(await FaultRun.Execute(plan)));
    }

    [Fact]
    public async Task C1_generated_plans_find_LanguageExts_Timeout_and_shrink_it_to_one_leaf_still_running()
    {
        // Seed (17, 1777): 47 of 1,000 plans, the first at case 52, shrunk in 11 steps to a cleanup still running (one
        // step of cleanup after the cancellation) when the timeout answered.
        var (found, _, shrunk, _) = await Hunt(LanguageExtsTimeout, GroupLaw.TimeoutsJoinTheirEffect, 1_000);
        Assert.True(found > 0);
        Assert.Matches(@"^3 nodes: \[failAfter0\{(stubborn-ok1|cleanup-fail1\S*)\}\]$", shrunk.ToString());
    }

    [Fact]
    public async Task C1_a_deadline_that_answers_at_its_deadline_without_waiting_breaks_TimeoutsJoinTheirEffect()
    {
        var plan = FaultPlan.Of(Fault.FailAfter(1, Fault.All(Fault.IgnoreCancel(3), Fault.Hang())));
        var violations = await Violations(plan, Abandons, GroupLaw.TimeoutsJoinTheirEffect);
        Assert.Contains(violations, static v => v.Node == 3 && v.Message == "(stubborn-ok3) started and never ended, yet FailAfter #1 answered");
    }

    [Fact]
    public async Task C1_generated_plans_find_the_abandoning_deadline_and_shrink_it()
    {
        // Seed (17, 1777): 35 of 1,000 plans, the first at case 31 (39 nodes), shrunk in 13 steps to
        // failAfter0{moveOnAfter1{hang}}: the inner deadline answers a step later than its cancelled body, from the pool.
        var (found, _, shrunk, _) = await Hunt(Abandons, GroupLaw.TimeoutsJoinTheirEffect, 1_000);
        Assert.True(found > 0);
        Assert.True(shrunk.Nodes.Count <= 4, shrunk.ToString());
        Assert.StartsWith("failAfter", shrunk.Root.Children[0].ToString());
    }

    [Fact]
    public async Task C4_a_shield_that_lets_the_callers_cancel_through_breaks_ShieldedCleanupRunsToItsEnd()
    {
        var plan = FaultPlan.Create(new FaultGroup(GroupShape.All, [Fault.Hang(), Fault.Shield(Fault.Succeed(2))]), OuterEvent.Cancel, 1);
        var v = Assert.Single(await Violations(plan, Porous, GroupLaw.ShieldedCleanupRunsToItsEnd));
        Assert.StartsWith("ShieldedCleanupRunsToItsEnd at node #3: (ok2) below shield #2 saw a cancellation, though nothing inside the shield failed", v.ToString());
        Assert.Empty(GroupLaws.Violations(await FaultRun.Execute(plan)));
    }

    [Fact]
    public async Task C4_generated_plans_find_the_porous_shield_and_shrink_it()
    {
        // Seed (17, 1777): 47 of 1,000 plans, the first at case 9, shrunk in 7 steps to [fail1, shield{ok1}].
        var (found, _, shrunk, _) = await Hunt(Porous, GroupLaw.ShieldedCleanupRunsToItsEnd, 1_000);
        Assert.True(found > 0);
        Assert.True(shrunk.Nodes.Count <= 4, shrunk.ToString());
        Assert.Contains("shield{", shrunk.ToString());
    }
}
