namespace FunctionalGroups.Diagnostics;

/// <summary>Where a child of a running group is, in a <see cref="GroupTreeSnapshot"/>. Ordered: a child only moves forward.</summary>
/// <example>
/// <code>
/// var stuck = node.Members.Filter(child => child.State == ChildState.Cancelling);
/// </code>
/// </example>
public enum ChildState
{
    /// <summary>Not started yet: it waits for a slot under <see cref="GroupOptions.MaxParallelism"/>.</summary>
    Waiting,

    /// <summary>Started and not ended.</summary>
    Running,

    /// <summary>Its group's token was cancelled and it has not ended yet.</summary>
    Cancelling,

    /// <summary>Ended (a value, a failure or a cancellation). A snapshot lists no such member; it is counted in <see cref="GroupNode.Done"/>.</summary>
    Done,
}
