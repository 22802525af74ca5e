using FsCheck.Xunit;

namespace FunctionalGroups.Tests.Properties;

/// <summary>G1: when a group's effect completes (root or nested, failing, cancelled or not), none of its children is
/// still running, and each one's end mark precedes the group's end on the global sequence.</summary>
public class NoChildOutlivesItsGroup
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PlanArbitraries) })]
    public async Task no_child_outlives_its_group(Scenario scenario)
    {
        var run = await ScenarioRun.Execute(scenario).ConfigureAwait(false);
        var layout = run.Layout;

        foreach (var group in layout.Groups)
        {
            var g = group.Index;
            var leaves = Enumerable.Range(group.FirstLeaf, group.EndLeaf - group.FirstLeaf).ToArray();
            if (run.GroupStart(g) == 0)
            {
                run.That(leaves.All(l => !run.LeafStarted(l)), () => $"group #{g} never started, yet some of its leaves did");
                continue;
            }

            var end = run.GroupEnd(g);
            run.That(end != 0, () => $"group #{g} started but its effect never completed");
            run.That(run.LiveAtEnd(g) == 0, () => $"group #{g} completed with {run.LiveAtEnd(g)} leaves still running");
            foreach (var l in leaves.Where(run.LeafStarted))
            {
                run.That(run.LeafEnd(l) != 0, () => $"leaf #{l} of group #{g} started and never ended");
                run.That(run.LeafEnd(l) < end, () => $"leaf #{l} ended at tick {run.LeafEnd(l)}, after its group #{g} ended at {end}");
            }
            foreach (var (isLeaf, child) in layout.ChildrenOf[g])
                if (!isLeaf && run.GroupStart(child) != 0)
                    run.That(run.GroupEnd(child) != 0 && run.GroupEnd(child) < end,
                        () => $"nested group #{child} ended at tick {run.GroupEnd(child)}, not before its parent #{g} ended at {end}");
        }
    }
}
