namespace FunctionalGroups;

/// <summary>
/// Options for a group, validated when the group is built. Immutable: derive variants with <c>with</c>.
/// </summary>
/// <example><code>Group.All(children, GroupOptions.Default with { StartOnThreadPool = true })</code></example>
public sealed record GroupOptions
{
    /// <summary>The defaults: children start on the starting thread, no parallelism limit.</summary>
    public static GroupOptions Default { get; } = new();

    /// <summary>
    /// Start every child on the thread pool instead of on the starting thread. By default an <c>Aff</c> child runs
    /// on the starting thread up to its first real await, as async methods do under <c>Task.WhenAll</c>; set this
    /// for children with long synchronous prefixes, so that they really run side by side. Each child still
    /// checks the group's token when its turn comes, and does not start once the group is cancelled.
    /// </summary>
    public bool StartOnThreadPool { get; init; }
}
