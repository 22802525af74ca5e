using FsCheck.Xunit;
using LanguageExt.Common;

namespace FunctionalGroups.Tests.Properties;

/// <summary>
/// G2, G7: the kind of outcome follows from the plan and what ran. With no injected failure: success when nothing
/// cancelled the group (or every child had already succeeded), else exactly <c>Errors.Cancelled</c>; with one, a
/// <see cref="GroupError"/>. And the deterministic start facts: a cancel stops every later start.
/// </summary>
public class OutcomeShapeFollowsThePlan
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PlanArbitraries) })]
    public async Task outcome_shape_follows_the_plan(Scenario scenario)
    {
        var run = await ScenarioRun.Execute(scenario).ConfigureAwait(false);
        var injected = run.InjectedFailures().Count > 0;
        var failure = run.Failure();

        if (scenario.Outer == OuterCancel.None)
            run.That(injected == scenario.HasFailingLeaf,
                () => $"with no outer cancel, the first failing leaf always injects: plan has one = {scenario.HasFailingLeaf}, injected = {injected}");

        if (injected)
            run.That(failure is GroupError, () => "a failure was injected: expected a GroupError");
        else if (!run.OuterCancelled || run.EveryLeafSucceeded())
        {
            run.That(failure is null, () => "no failure injected and nothing cancelled (or every child succeeded): expected success");
            run.That(run.Values()!.SequenceEqual(Enumerable.Range(0, run.Layout.Leaves.Count)), () => "values out of child order");
        }
        else
            run.That(failure is not null && failure is not GroupError && failure.Is(Errors.Cancelled),
                () => "outer cancel and no failure injected: expected exactly Errors.Cancelled");

        CheckStarts(run);
    }

    /// <summary>Deterministic start facts: children start in depth-first order on the starting thread, so
    /// <list type="bullet">
    /// <item>a cancel before start starts nothing;</item>
    /// <item>a leaf cancelling the outer source when it starts stops every leaf after it from starting;</item>
    /// <item>a leaf failing synchronously (no yield) stops every later sibling, and its subtree, from starting.</item>
    /// </list></summary>
    static void CheckStarts(ScenarioRun run)
    {
        var layout = run.Layout;
        var scenario = run.Scenario;
        var leaves = Enumerable.Range(0, layout.Leaves.Count).ToArray();

        if (scenario.Outer == OuterCancel.BeforeStart)
            run.That(leaves.All(l => !run.LeafStarted(l)), () => "the outer source was cancelled before start, yet a leaf started");

        if (scenario.Outer == OuterCancel.AtLeaf && run.LeafStarted(scenario.CancelLeaf))
            run.That(leaves.Where(l => l > scenario.CancelLeaf).All(l => !run.LeafStarted(l)),
                () => $"leaf #{scenario.CancelLeaf} cancelled the outer source when it started, yet a later leaf started");

        foreach (var leaf in layout.Leaves)
        {
            if (leaf.Node.Yields != 0 || !leaf.Node.Fails || run.Injected(leaf.Index) is null) continue;
            var group = layout.Groups[leaf.Group];
            var later = Enumerable.Range(leaf.Index + 1, group.EndLeaf - leaf.Index - 1);
            run.That(later.All(l => !run.LeafStarted(l)),
                () => $"leaf #{leaf.Index} failed synchronously, yet a later leaf of its group #{group.Index} started");
        }
    }
}
