using LanguageExt;

namespace FunctionalGroups.Diagnostics;

/// <summary>A running group in a <see cref="GroupTreeSnapshot"/>: its policy, its counts, and the children that have
/// not ended.</summary>
/// <param name="Id">The group's number in this process, unique while the process runs.</param>
/// <param name="Policy">The entry point that made it: <c>"All"</c>, <c>"Settle"</c>, <c>"Validate"</c>, <c>"Race"</c>,
/// <c>"Traverse"</c>, <c>"Scope"</c>, ….</param>
/// <param name="Children">The children known so far: the list's length, or for a scope the number spawned (with its
/// body).</param>
/// <param name="Running">How many children are running (or cancelling) now.</param>
/// <param name="Done">How many children have ended.</param>
/// <param name="Limit"><see cref="GroupOptions.MaxParallelism"/>; <c>null</c> for none.</param>
/// <param name="Timeout"><see cref="GroupOptions.Timeout"/>; <c>null</c> for none.</param>
/// <param name="Age">The time since the group started.</param>
/// <param name="State">Running, or cancelling (its token was cancelled and children are still ending).</param>
/// <param name="Members">The children that have not ended (waiting, running, cancelling), in index order; a scope's
/// body comes first, as index <c>-1</c> named <c>"body"</c>.</param>
/// <param name="Groups">Groups started inside this group whose child could not be told, in the order they started.</param>
/// <example>
/// <code>
/// var all = new GroupNode(1, "All", Children: 3, Running: 2, Done: 0, Limit: 2, Timeout: null,
///     Age: TimeSpan.FromSeconds(2), GroupState.Running, Members: Seq(slow1, slow2, fast), Groups: Seq&lt;GroupNode&gt;());
/// </code>
/// </example>
public sealed record GroupNode(
    long Id,
    string Policy,
    int Children,
    int Running,
    int Done,
    int? Limit,
    TimeSpan? Timeout,
    TimeSpan Age,
    GroupState State,
    Seq<ChildNode> Members,
    Seq<GroupNode> Groups);
