using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using FunctionalGroups.Diagnostics;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>Who listens to the library's telemetry during a <see cref="Telemetry"/> run.</summary>
public enum Listening
{
    /// <summary>No one: the production default; nothing is traced or measured.</summary>
    Nobody,

    /// <summary>An <see cref="ActivityListener"/> that records every span (as an OpenTelemetry SDK with an always-on
    /// sampler does), doing nothing with them.</summary>
    Spans,

    /// <summary>A <see cref="MeterListener"/> on every instrument, doing nothing with the measurements.</summary>
    Metrics,

    /// <summary>Both.</summary>
    Both,
}

/// <summary>
/// The cost of the telemetry (issue 16): the fan-out and cancellation workloads' <c>Group.All FromTask</c> rows, with
/// nobody listening (compare with the same rows of <see cref="FanOut"/> and <see cref="CancellationLatency"/>, and with
/// the commit before the telemetry, bench/README.md), and with spans, metrics or both listened to; the floor alongside.
/// The listeners do nothing with what they get, so the rows show what the library itself spends.
/// </summary>
public class Telemetry
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>: 1,000 and 100,000 (10 under <c>--smoke</c>).</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Smoke ? [10] : [1_000, 100_000];

    /// <summary>Who listens.</summary>
    [ParamsAllValues]
    public Listening Listening { get; set; }

    ActivityListener? spans;
    MeterListener? metrics;

    [GlobalSetup]
    public void Listen()
    {
        if (Listening is Listening.Spans or Listening.Both)
        {
            spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name == GroupTelemetry.SourceName,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(spans);
        }
        if (Listening is Listening.Metrics or Listening.Both)
        {
            metrics = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == GroupTelemetry.MeterName) l.EnableMeasurementEvents(instrument);
                },
            };
            metrics.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
            metrics.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            metrics.Start();
        }
    }

    [GlobalCleanup]
    public void StopListening()
    {
        spans?.Dispose();
        metrics?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "fan-out: Task.WhenAll (floor)")]
    public Task<int[]> FanOutFloor() => FanOutWorkload.RawWhenAll(N);

    [Benchmark(Description = "fan-out: Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> FanOutGroup() => FanOutWorkload.GroupAllFromTask(N);

    [Benchmark(Description = "cancellation: Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> CancellationGroup() => CancellationWorkload.GroupAllFromTask(N);
}
