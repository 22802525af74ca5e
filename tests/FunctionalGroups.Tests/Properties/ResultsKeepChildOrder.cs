using FsCheck.Xunit;

namespace FunctionalGroups.Tests.Properties;

/// <summary>G5: when nothing fails, the values are in child order, not completion order. Each leaf gives its
/// depth-first index and a nested group gives its values concatenated, so the root must give 0, 1, …, n-1.</summary>
public class ResultsKeepChildOrder
{
    [Property(MaxTest = 200, Arbitrary = new[] { typeof(PlanArbitraries) })]
    public async Task results_keep_child_order(CleanScenario scenario)
    {
        var run = await ScenarioRun.Execute(scenario.Value).ConfigureAwait(false);
        var values = run.Values();
        run.That(values is not null, () => "nothing failed and nothing was cancelled, yet the group failed");
        var expected = Enumerable.Range(0, run.Layout.Leaves.Count);
        run.That(values!.SequenceEqual(expected), () => $"values out of child order: [{string.Join(",", values!)}]");
    }
}
