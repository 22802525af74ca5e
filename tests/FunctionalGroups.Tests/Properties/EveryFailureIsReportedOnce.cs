using FsCheck.Xunit;
using LanguageExt.Common;

namespace FunctionalGroups.Tests.Properties;

/// <summary>G3, G5, G6: every failure that a child injected is in the group error, once, in child order, nesting kept.</summary>
public class EveryFailureIsReportedOnce
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PlanArbitraries) })]
    public async Task every_failure_is_reported_once(Scenario scenario)
    {
        var run = await ScenarioRun.Execute(scenario).ConfigureAwait(false);
        var injected = run.InjectedFailures();
        var failure = run.Failure();

        if (injected.Count == 0)
        {
            run.That(failure is not GroupError, () => "no child injected a failure, yet the group failed with a GroupError");
            return;
        }

        run.That(failure is GroupError, () => $"{injected.Count} failure(s) were injected, yet the group gave no GroupError");
        var group = (GroupError)failure!;

        // The leaves are exactly the injected failures, each once, compared by instance, in depth-first child order.
        var leaves = group.Leaves.Map(ScenarioRun.Identity).ToArray();
        run.That(
            leaves.Length == injected.Count && Enumerable.Range(0, leaves.Length).All(i => ReferenceEquals(leaves[i], injected[i].Identity)),
            () => $"leaves differ from the injected failures:\n  leaves:   {string.Join(" | ", leaves)}\n  injected: {string.Join(" | ", injected.Select(static p => p.Identity))}");

        // The tree: one entry per failing child, nested groups as one entry, names kept, totals right.
        CheckEntries(run, group, 0);
    }

    static void CheckEntries(ScenarioRun run, GroupError error, int group)
    {
        var layout = run.Layout;
        var children = layout.ChildrenOf[group];
        run.That(error.Total == children.Length, () => $"group #{group}: Total is {error.Total}, it has {children.Length} children");

        var failing = children
            .Where(c => c.IsLeaf
                ? run.Injected(c.Index) is not null
                : Enumerable.Range(layout.Groups[c.Index].FirstLeaf, layout.Groups[c.Index].EndLeaf - layout.Groups[c.Index].FirstLeaf)
                    .Any(l => run.Injected(l) is not null))
            .ToArray();
        run.That(error.Errors.Count == failing.Length,
            () => $"group #{group}: {error.Errors.Count} entries, but {failing.Length} children have an injected failure (a cancelled nested group must contribute nothing)");

        for (var i = 0; i < failing.Length; i++)
        {
            var child = failing[i];
            var entry = error.Errors[i];
            var name = child.IsLeaf ? layout.Leaves[child.Index].Node.Name : layout.Groups[child.Index].Node.Name;
            if (name is not null)
            {
                run.That(entry is NamedError named && named.Name == name, () => $"group #{group}, entry {i}: expected a NamedError '{name}', got {entry.GetType().Name}");
                entry = ((NamedError)entry).Error;
            }
            run.That(entry is not NamedError, () => $"group #{group}, entry {i}: an unnamed child's entry has a name");
            if (child.IsLeaf)
                run.That(ReferenceEquals(ScenarioRun.Identity(entry), run.Injected(child.Index)),
                    () => $"group #{group}, entry {i}: not the instance leaf #{child.Index} injected");
            else
            {
                run.That(entry is GroupError, () => $"group #{group}, entry {i}: nested group #{child.Index} failed, its entry is a {entry.GetType().Name}");
                CheckEntries(run, (GroupError)entry, child.Index);
            }
        }
    }
}
