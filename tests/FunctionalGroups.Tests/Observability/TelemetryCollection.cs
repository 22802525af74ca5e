namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// Tests that listen to the library's ActivitySource or Meter: listeners are process-wide, so these run alone (xunit
/// runs a collection without parallelization after the parallel ones), and no other test's group is counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
