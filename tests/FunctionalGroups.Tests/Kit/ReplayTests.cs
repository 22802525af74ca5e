using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Kit;

/// <summary>A failing case reruns identically from its seed: the seed gives the same plans, and the step clock
/// gives each plan the same run (the same trace, step by step, and the same outcome).</summary>
public class ReplayTests
{
    [Property(MaxTest = 200)]
    public Property a_plan_runs_the_same_way_every_time() =>
        Prop.ForAll(FaultArbitraries.Plans(), async plan =>
        {
            var first = await FaultRun.Execute(plan);
            var second = await FaultRun.Execute(plan);
            var same = first.Trace.SequenceEqual(second.Trace) && first.Steps == second.Steps;
            return same.Label($"first:\n  {string.Join("\n  ", first.Trace)}\nsecond:\n  {string.Join("\n  ", second.Trace)}");
        });

    [Fact]
    public async Task a_seed_replays_the_same_plans_and_the_same_runs()
    {
        // The seed FsCheck prints for a failing case ("Replay directly at failing step with (s, g, size)").
        var seed = new Rnd(8723216037710872065, 126341181000590541);
        var gen = FaultArbitraries.PlanGen(FaultPlanSizes.Default);
        var once = Gen.Sample(gen, 10, seed, 40);
        var again = Gen.Sample(gen, 10, seed, 40);

        Assert.Equal(once.Select(static p => p.ToString()), again.Select(static p => p.ToString()));
        for (var i = 0; i < once.Length; i++)
        {
            var a = await FaultRun.Execute(once[i]);
            var b = await FaultRun.Execute(again[i]);
            Assert.Equal(a.Trace, b.Trace);
        }
    }

    [Fact]
    public async Task an_injection_plan_runs_the_same_way_every_time()
    {
        var plan = InjectionPlan.Of(Fault.Succeed(2), Fault.IgnoreCancel(3, thenFail: true), Fault.Fail(1, thrown: true), Fault.Hang());
        var first = await FaultInjection.Run(plan, FetchAll);
        var second = await FaultInjection.Run(plan, FetchAll);

        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(2, first.Result.Match(Succ: static _ => 0, Fail: static e => ((GroupError)e).Errors.Count));
    }

    static Aff<GroupRuntime, Seq<int>> FetchAll(FaultInjector faults) =>
        Group.All(Enumerable.Range(0, 5).Select(i => faults.Wrap(Child.FromTask(_ => Task.FromResult(i)))));
}
