using Xunit;

// One Coyote testing engine at a time: each owns the scheduling of every controlled operation in the process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
