using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Properties;

/// <summary>
/// G2, G7: the start facts the kit's general laws do not state, written as a check of our own over the kit's probes.
/// Children start in order on the starting thread, so a cancel before the start starts nothing, and a leaf of an All
/// group that fails as it starts (no step) stops every later sibling, and its subtree, from starting.
/// </summary>
public class StartsStopAtTheFirstCancel
{
    [Property(MaxTest = 300)]
    public Property a_cancel_or_a_synchronous_failure_stops_every_later_start() =>
        Prop.ForAll(FaultArbitraries.Plans(FaultPlanSizes.Default with { Scopes = false, Timeout = false }), async plan =>
        {
            var run = await FaultRun.Execute(plan);
            var nodes = plan.Nodes;
            var broken = new List<string>();
            if (plan.Outer == OuterEvent.Cancel && plan.OuterStep == 0)
                broken.AddRange(Enumerable.Range(1, nodes.Count - 1).Where(n => run[n].Started).Select(n => $"#{n} started after a cancel before the start"));

            for (var parent = 0; parent < nodes.Count; parent++)
            {
                if (nodes[parent] is not FaultGroup) continue;
                var children = plan.Below(parent).ToArray();
                for (var i = 0; i < children.Length; i++)
                {
                    var child = children[i];
                    if (nodes[child] is not FaultLeaf { Behaviour: Behaviour.Fail or Behaviour.IgnoreCancelThenFail, Steps: 0 } || run[child].Injected is null) continue;
                    var firstLater = i + 1 < children.Length ? children[i + 1] : -1;
                    if (firstLater < 0) continue;
                    var end = plan.SubtreeEnd(parent);
                    broken.AddRange(Enumerable.Range(firstLater, end - firstLater).Where(n => run[n].Started)
                        .Select(n => $"#{n} started after its earlier sibling #{child} failed as it started"));
                }
            }
            return (broken.Count == 0).Label(string.Join("\n", broken.Prepend($"{plan}")));
        });
}
