using LanguageExt.Common;
using Xunit.Sdk;

namespace FunctionalGroups.Tests.Properties;

/// <summary>Helpers shared by the property laws: reading a run's outcome and failing with a useful message.</summary>
internal static class Oracle
{
    /// <summary>Fails the property with <paramref name="what"/> and what the run did.</summary>
    public static void That(this ScenarioRun run, bool holds, Func<string> what)
    {
        if (!holds) throw new XunitException($"{what()}\n{Describe(run)}");
    }

    /// <summary>The run's failure, or null when it succeeded.</summary>
    public static Error? Failure(this ScenarioRun run) =>
        run.Result.Match(Succ: static _ => (Error?)null, Fail: static e => e);

    /// <summary>The run's values, or null when it failed.</summary>
    public static int[]? Values(this ScenarioRun run) =>
        run.Result.Match(Succ: static v => v.ToArray(), Fail: static _ => (int[]?)null);

    /// <summary>True when every leaf of the plan returned its value.</summary>
    public static bool EveryLeafSucceeded(this ScenarioRun run) =>
        Enumerable.Range(0, run.Layout.Leaves.Count).All(run.LeafSucceeded);

    /// <summary>The run's result, which leaves started, succeeded and injected a failure.</summary>
    public static string Describe(ScenarioRun run)
    {
        var leaves = Enumerable.Range(0, run.Layout.Leaves.Count).ToArray();
        string List(Func<int, bool> which) => string.Join(",", leaves.Where(which));
        var result = run.Result.Match(
            Succ: v => $"Succ([{string.Join(",", v)}])",
            Fail: e => $"Fail({e.GetType().Name}: {e})");
        return $"""
            scenario: {run.Scenario}
            result: {result}
            outer cancelled: {run.OuterCancelled}
            started leaves: {List(run.LeafStarted)}
            succeeded leaves: {List(run.LeafSucceeded)}
            injected by leaves: {List(i => run.Injected(i) is not null)}
            """;
    }
}
