namespace FunctionalGroups.Benchmarks;

/// <summary>
/// The numbers of children. <c>--smoke</c> sets <see cref="SmokeVariable"/>, which shrinks every size so that a
/// pass over every benchmark takes seconds (the variable is inherited by BenchmarkDotNet's child processes).
/// </summary>
public static class BenchSizes
{
    /// <summary>The environment variable that selects the smoke sizes when it is "1".</summary>
    public const string SmokeVariable = "FG_BENCH_SMOKE";

    /// <summary>True under <c>--smoke</c>.</summary>
    public static bool Smoke => Environment.GetEnvironmentVariable(SmokeVariable) == "1";

    /// <summary>Workloads 1–3: 10, 1,000 and 100,000 children (10 under smoke).</summary>
    public static IEnumerable<int> Children => Smoke ? [10] : [10, 1_000, 100_000];

    /// <summary>Workload 4: 1,000,000 children in one group (1,000 under smoke).</summary>
    public static IEnumerable<int> Scale => Smoke ? [1_000] : [1_000_000];
}
