using FunctionalGroups.Demo;

// The seed's asyncio.TaskGroup demo (shared/seed/taskgroup-example.md), played with FunctionalGroups.
Console.WriteLine("FunctionalGroups Demo (asyncio.TaskGroup + except*, as LanguageExt effects)");
Console.WriteLine();

await Scenarios.AllSucceed();
await Scenarios.OneFails();
await Scenarios.MultipleFailures();

Console.WriteLine();
Console.WriteLine("=== Key Takeaways ===");
Console.WriteLine("  1. A group ensures all children complete or all are cancelled, and it waits for every one");
Console.WriteLine("  2. GroupError captures ALL real failures, in child order, as a value (Fin), never an exception");
Console.WriteLine("  3. Use .Catching(On.Exception<T>(), ...) to handle specific exception types, like except*");
Console.WriteLine("  4. Named children help with debugging: the name travels with the failure into the tree");
Console.WriteLine("  5. A group is an effect value: building it starts nothing; RunAsync runs it");
