using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FunctionalGroups.Diagnostics;

/// <summary>
/// The names under which groups report to OpenTelemetry (or any <see cref="ActivityListener"/> and
/// <see cref="MeterListener"/>): one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="SourceName"/>. A span per group run and per child, counters and histograms of runs and children; nothing
/// is made, measured or allocated for them while no one listens.
/// </summary>
/// <example>
/// <code>
/// using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(GroupTelemetry.SourceName).AddConsoleExporter().Build();
/// using var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(GroupTelemetry.MeterName).AddConsoleExporter().Build();
/// </code>
/// </example>
public static class GroupTelemetry
{
    /// <summary><c>FunctionalGroups</c>: the <see cref="ActivitySource"/>'s name.</summary>
    public const string SourceName = "FunctionalGroups";

    /// <summary><c>FunctionalGroups</c>: the <see cref="Meter"/>'s name.</summary>
    public const string MeterName = "FunctionalGroups";

    /// <summary>The attributes (tags) on spans and measurements, after OpenTelemetry's naming conventions.</summary>
    public static class Attributes
    {
        /// <summary>The run's number, unique in the process (the live tree's group id).</summary>
        public const string GroupId = "functionalgroups.group.id";

        /// <summary>The policy: <c>All</c>, <c>Validate</c>, <c>Settle</c>, <c>Race</c>, <c>Traverse</c>, <c>Scope</c>.</summary>
        public const string Policy = "functionalgroups.group.policy";

        /// <summary>How many children the group had (a scope: its body and every spawned child).</summary>
        public const string Children = "functionalgroups.group.children";

        /// <summary><see cref="GroupOptions.MaxParallelism"/>, when set.</summary>
        public const string Limit = "functionalgroups.group.limit";

        /// <summary><see cref="GroupOptions.Timeout"/> in seconds, when set.</summary>
        public const string Timeout = "functionalgroups.group.timeout";

        /// <summary>The group's or the child's outcome: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
        public const string Outcome = "functionalgroups.outcome";

        /// <summary>How many children failed for real.</summary>
        public const string Failed = "functionalgroups.group.failed";

        /// <summary>How many children the group cancelled (ended cancelled, or never started).</summary>
        public const string Cancelled = "functionalgroups.group.cancelled";

        /// <summary>What made the group cancel: <c>failure</c>, <c>parent</c>, <c>timeout</c>, <c>explicit</c>,
        /// <c>race_won</c>, <c>runtime</c> (<see cref="CancelReason"/>). On the group's span and on each cancelled child's.</summary>
        public const string CancelReason = "functionalgroups.cancel.reason";

        /// <summary>On a cancelled child's span, for the reason <c>failure</c>: the sibling whose failure cancelled it.</summary>
        public const string CancelledBy = "functionalgroups.cancel.by";

        /// <summary>The child's position (a scope's child: its spawn index; the body: -1).</summary>
        public const string ChildIndex = "functionalgroups.child.index";

        /// <summary>The child's name, when it has one.</summary>
        public const string ChildName = "functionalgroups.child.name";

        /// <summary>OpenTelemetry's <c>error.type</c>: the exception's full type name, or the error's type and code.</summary>
        public const string ErrorType = "error.type";
    }

    /// <summary>The instruments' names.</summary>
    public static class Instruments
    {
        /// <summary>Counter of group runs started (<c>{run}</c>), by policy.</summary>
        public const string GroupRuns = "functionalgroups.group.runs";

        /// <summary>Histogram of group run durations (<c>s</c>), by policy and outcome.</summary>
        public const string GroupDuration = "functionalgroups.group.duration";

        /// <summary>Counter of children started (<c>{child}</c>), by policy.</summary>
        public const string ChildrenStarted = "functionalgroups.child.started";

        /// <summary>Up-down counter of children running now (<c>{child}</c>), by policy.</summary>
        public const string ChildrenActive = "functionalgroups.child.active";

        /// <summary>Counter of children that failed for real (<c>{child}</c>), by policy.</summary>
        public const string ChildFailures = "functionalgroups.child.failures";

        /// <summary>Counter of children that ended cancelled (<c>{child}</c>), by policy.</summary>
        public const string ChildCancellations = "functionalgroups.child.cancellations";

        /// <summary>Histogram of child durations (<c>s</c>), by policy and outcome.</summary>
        public const string ChildDuration = "functionalgroups.child.duration";
    }

    static readonly string? version = typeof(GroupTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(SourceName, version);

    internal static readonly Meter Meter = new(MeterName, version);

    internal static readonly Counter<long> GroupRuns = Meter.CreateCounter<long>(Instruments.GroupRuns, "{run}", "Group runs started.");

    internal static readonly Histogram<double> GroupDuration = Meter.CreateHistogram<double>(Instruments.GroupDuration, "s", "How long group runs took, from start to the join of the last child.");

    internal static readonly Counter<long> ChildrenStarted = Meter.CreateCounter<long>(Instruments.ChildrenStarted, "{child}", "Children started.");

    internal static readonly UpDownCounter<long> ChildrenActive = Meter.CreateUpDownCounter<long>(Instruments.ChildrenActive, "{child}", "Children running now.");

    internal static readonly Counter<long> ChildFailures = Meter.CreateCounter<long>(Instruments.ChildFailures, "{child}", "Children that failed for real.");

    internal static readonly Counter<long> ChildCancellations = Meter.CreateCounter<long>(Instruments.ChildCancellations, "{child}", "Children that ended cancelled.");

    internal static readonly Histogram<double> ChildDuration = Meter.CreateHistogram<double>(Instruments.ChildDuration, "s", "How long children ran.");

    /// <summary>True while some listener wants spans or some instrument is listened to: only then does a run trace.</summary>
    internal static bool Listening =>
        Source.HasListeners() || MetricsOn;

    /// <summary>True while some instrument is listened to.</summary>
    internal static bool MetricsOn =>
        GroupRuns.Enabled || GroupDuration.Enabled || ChildrenStarted.Enabled || ChildrenActive.Enabled
        || ChildFailures.Enabled || ChildCancellations.Enabled || ChildDuration.Enabled;
}
