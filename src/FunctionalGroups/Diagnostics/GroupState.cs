namespace FunctionalGroups.Diagnostics;

/// <summary>Where a running group is, in a <see cref="GroupTreeSnapshot"/>.</summary>
/// <example>
/// <code>
/// bool shuttingDown = node.State == GroupState.Cancelling;
/// </code>
/// </example>
public enum GroupState
{
    /// <summary>Running: its token has not been cancelled.</summary>
    Running,

    /// <summary>Its token was cancelled (a failure, a timeout, the parent, a scope's cancel); some children are still ending.</summary>
    Cancelling,
}
