using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace FunctionalGroups.Benchmarks;

/// <summary>The suite's configuration: jobs, diagnosers, per-child columns and exporters.</summary>
public static class BenchConfig
{
    /// <summary>
    /// The full run's job: one launch, 3 warm-up and 10 measured iterations of about 250 ms each. BenchmarkDotNet's
    /// pilot picks the invocations per iteration; an operation longer than an iteration runs once per iteration.
    /// </summary>
    public static Job Full => Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Suite");

    /// <summary>The smoke job: every benchmark once, in this process (no generated project to build).</summary>
    public static Job Smoke => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke");

    /// <summary>The configuration; <paramref name="job"/> null leaves the job to the command line (<c>--job</c>).</summary>
    public static IConfig Create(Job? job)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddDiagnoser(ThreadingDiagnoser.Default)
            .AddDiagnoser(ExceptionDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, new PerChildColumn(PerChild.Time), new PerChildColumn(PerChild.Bytes))
            .AddExporter(JsonExporter.Brief)
            .HideColumns(Column.Error, Column.StdDev, Column.RatioSD, Column.AllocRatio)
            .WithOptions(ConfigOptions.DisableLogFile)
            // The generated project builds the F# face too; on a busy 2-core machine that took longer than the default
            // two minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        return job is null ? config : config.AddJob(job);
    }
}

/// <summary>What a <see cref="PerChildColumn"/> shows.</summary>
public enum PerChild
{
    /// <summary>Median time per child, in nanoseconds.</summary>
    Time,

    /// <summary>Allocated bytes per child.</summary>
    Bytes,
}

/// <summary>A benchmark's median time or allocated bytes divided by its number of children <c>N</c>.</summary>
public sealed class PerChildColumn(PerChild what) : IColumn
{
    /// <inheritdoc/>
    public string Id => $"{nameof(PerChildColumn)}.{what}";

    /// <inheritdoc/>
    public string ColumnName => what == PerChild.Time ? "ns/child" : "B/child";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => (int)what;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => what == PerChild.Time ? "Median time divided by N (ns)" : "Allocated bytes divided by N";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || benchmarkCase.Parameters["N"] is not int n || n == 0)
            return "NA";
        return what == PerChild.Time
            ? (statistics.Median / n).ToString("F1", CultureInfo.InvariantCulture)
            : ((double)report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase).GetValueOrDefault() / n)
                .ToString("F1", CultureInfo.InvariantCulture);
    }
}
