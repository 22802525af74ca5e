using FsCheck;
using FsCheck.Fluent;
using FunctionalGroups.Testing;
using Xunit.Abstractions;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The streaming law can fail: a "stream" that reads its whole source ahead (into a list, then traverses it) breaks
/// <see cref="GroupLaw.StreamsPullOnlyAsAdmitted"/> (S1) under a limit, though its values and failures are right. The kit
/// names the law and the item, and finds it in generated plans from a fixed seed, shrunk to a small plan.
/// </summary>
public class CatchesBrokenStreamsTests(ITestOutputHelper output)
{
    static readonly FaultPlanSizes WithStreams = FaultPlanSizes.Default with { Streams = true, MaxParallelism = 3 };

    /// <summary>S1 broken: the source drained when the group runs (each <c>MoveNextAsync</c> of the kit's source
    /// completes at once), then the items traversed under the limit.</summary>
    static readonly EngineHooks ReadsAhead = new(Stream: static (source, item, options) =>
        Aff<GroupRuntime, Seq<Seq<int>>>.EffectMaybe(rt =>
        {
            var items = new List<int>();
            var reading = source.GetAsyncEnumerator();
            for (var next = reading.MoveNextAsync(); next.IsCompleted && next.Result; next = reading.MoveNextAsync()) items.Add(reading.Current);
            _ = reading.DisposeAsync();
            return Group.TraverseStream<GroupRuntime, int, Seq<int>>(items, item, options).Run(rt);
        }));

    static async Task<IReadOnlyList<LawViolation>> Violations(FaultPlan plan, EngineHooks hooks, GroupLaw law) =>
        GroupLaws.Violations(await FaultRun.Execute(plan, hooks), law);

    [Fact]
    public async Task S1_a_stream_that_reads_its_source_ahead_breaks_StreamsPullOnlyAsAdmitted()
    {
        var plan = FaultPlan.Create(Fault.All(Fault.Stream(Fault.Succeed(1), Fault.Succeed(1), Fault.Succeed(1))), maxParallelism: 2);
        var v = Assert.Single(await Violations(plan, ReadsAhead, GroupLaw.StreamsPullOnlyAsAdmitted));
        Assert.Equal("StreamsPullOnlyAsAdmitted at node #4: stream #1 pulled it with 3 item(s) pulled and not ended, over its limit of 2: it read its source ahead", v.ToString());
        // The read-ahead keeps the other laws: only S1 sees it.
        Assert.Empty(GroupLaws.Violations(await FaultRun.Execute(plan, ReadsAhead), GroupLaw.EveryFailureIsReportedOnce, GroupLaw.NoChildOutlivesItsGroup, GroupLaw.OrderIsKept));
        // The library's TraverseStream pulls the same plan as it admits.
        Assert.Empty(GroupLaws.Violations(await FaultRun.Execute(plan)));
    }

    [Fact]
    public async Task S1_generated_plans_find_the_read_ahead_and_shrink_it_to_one_stream()
    {
        const GroupLaw law = GroupLaw.StreamsPullOnlyAsAdmitted;
        var plans = Gen.Sample(FaultArbitraries.PlanGen(WithStreams), 1_000, new Rnd(17, 1_777), 50);
        var found = 0;
        var firstAt = -1;
        for (var i = 0; i < plans.Length; i++)
            if ((await Violations(plans[i], ReadsAhead, law)).Count > 0)
            {
                found++;
                if (firstAt < 0) firstAt = i;
            }
        Assert.True(firstAt >= 0, $"no plan of {plans.Length} broke {law}");
        var shrunk = plans[firstAt];
        var steps = 0;
        for (var smaller = true; smaller && steps < 200;)
        {
            smaller = false;
            foreach (var candidate in FaultArbitraries.Plans(WithStreams).Shrinker(shrunk))
                if ((await Violations(candidate, ReadsAhead, law)).Count > 0)
                {
                    shrunk = candidate;
                    steps++;
                    smaller = true;
                    break;
                }
        }
        output.WriteLine($"{law}: {found} of {plans.Length} plans broke it, the first at case {firstAt + 1} ({plans[firstAt]}); shrunk in {steps} steps to {shrunk}");
        // The smallest read-ahead: a stream of one more item than the limit, each a plain leaf.
        var limit = shrunk.MaxParallelism!.Value;
        Assert.Equal(limit + 2, shrunk.Nodes.Count);
        Assert.Matches(@"stream\{ok0(, ok0)+\}", shrunk.ToString());
    }
}
