namespace FunctionalGroups.Tests.Support;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off in the project file): the test runner
/// never calls it; <see cref="InChildProcess"/> does, to run one scenario in a process of its own.
/// </summary>
internal static class Program
{
    /// <summary>The first argument that selects a scenario: <c>scenario NAME</c>.</summary>
    public const string ScenarioVerb = "scenario";

    /// <summary>Runs <c>scenario NAME</c>, prints its outcome on one line and exits with 0; exit code 2 for bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is not [ScenarioVerb, var name]) return 2;
        if (!ChildProcessScenarios.All.TryGetValue(name, out var scenario))
        {
            await Console.Error.WriteLineAsync($"no scenario '{name}'").ConfigureAwait(false);
            return 2;
        }
        Console.WriteLine(await scenario().ConfigureAwait(false));
        return 0;
    }
}
