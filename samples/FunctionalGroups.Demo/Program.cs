using FunctionalGroups.Demo;
using FunctionalGroups.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// `--trace`: every group's and child's span, exported with OpenTelemetry's console exporter as each ends.
using var tracing = args.Contains("--trace")
    ? Sdk.CreateTracerProviderBuilder()
        .ConfigureResource(resource => resource.AddService("FunctionalGroups.Demo"))
        .AddSource(GroupTelemetry.SourceName)
        .AddConsoleExporter()
        .Build()
    : null;

// The seed's asyncio.TaskGroup demo (shared/seed/taskgroup-example.md), played with FunctionalGroups.
Console.WriteLine("FunctionalGroups Demo (asyncio.TaskGroup + except*, as LanguageExt effects)");
Console.WriteLine();

await Scenarios.AllSucceed();
await Scenarios.OneFails();
await Scenarios.MultipleFailures();
await Scenarios.CrawlOneLinkBroken();
await Scenarios.CrawlUntilFound();

Console.WriteLine();
Console.WriteLine("=== Key Takeaways ===");
Console.WriteLine("  1. A group ensures all children complete or all are cancelled, and it waits for every one");
Console.WriteLine("  2. GroupError captures ALL real failures, in child order, as a value (Fin), never an exception");
Console.WriteLine("  3. Use .Handle(c => c.On(On.Exception<T>(), ...)) for except* clauses (Python's rules), or .Catching for one");
Console.WriteLine("  4. Named children help with debugging: the name travels with the failure into the tree");
Console.WriteLine("  5. A group is an effect value: building it starts nothing; RunAsync runs it");
Console.WriteLine("  6. Group.Scope spawns children while it runs (from the body or the children); it still waits for all");
Console.WriteLine("  7. scope.Cancel() stops the whole scope with no error; spawning after that is refused, as a value");
