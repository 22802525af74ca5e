namespace FunctionalGroups.Tool.Tests.Support;

/// <summary>
/// Hand-built snapshots: <see cref="Crawler"/> is the tree the sample crawler holds in place (samples/
/// FunctionalGroups.Crawler), as the README shows it; <see cref="Shutdown"/> has every other shape (a cancelling group,
/// a timeout, a nameless child, a group whose child is unknown, two roots).
/// </summary>
internal static class SampleTree
{
    public static readonly DateTimeOffset TakenAt = new(2026, 11, 27, 3, 10, 0, TimeSpan.Zero);

    static ChildNode Child(int index, string? name, ChildState state, double? seconds, params GroupNode[] groups) =>
        new(index, name, state, seconds is { } s ? TimeSpan.FromSeconds(s) : null, toSeq(groups));

    /// <summary>All (limit 2) over slow-1 (a scope inside: body, link-a, link-b), slow-2, and fast waiting.</summary>
    public static GroupTreeSnapshot Crawler { get; } = new(4242, TakenAt, Seq1(new GroupNode(
        1, "All", Children: 3, Running: 2, Done: 0, Limit: 2, Timeout: null, Age: TimeSpan.FromSeconds(2.5), GroupState.Running,
        Members: Seq(
            Child(0, "slow-1", ChildState.Running, 2.5, new GroupNode(
                2, "Scope", Children: 2, Running: 2, Done: 0, Limit: null, Timeout: null, Age: TimeSpan.FromSeconds(2.4), GroupState.Running,
                Members: Seq(
                    Child(-1, "body", ChildState.Running, 2.4),
                    Child(0, "link-a", ChildState.Running, 2.4),
                    Child(1, "link-b", ChildState.Running, 2.4)),
                Groups: Seq<GroupNode>())),
            Child(1, "slow-2", ChildState.Running, 2.5),
            Child(2, "fast", ChildState.Waiting, null)),
        Groups: Seq<GroupNode>())));

    /// <summary>A Race cancelling after a timeout (a nameless child still ending, a nested group of unknown child),
    /// beside a Settle root.</summary>
    public static GroupTreeSnapshot Shutdown { get; } = new(77, TakenAt, Seq(
        new GroupNode(
            10, "Race", Children: 4, Running: 1, Done: 3, Limit: null, Timeout: TimeSpan.FromSeconds(30),
            Age: TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(5), GroupState.Cancelling,
            Members: Seq1(Child(3, null, ChildState.Cancelling, 185.25)),
            Groups: Seq1(new GroupNode(
                11, "Traverse", Children: 100, Running: 16, Done: 40, Limit: 16, Timeout: null,
                Age: TimeSpan.FromMilliseconds(850.5), GroupState.Cancelling, Seq<ChildNode>(), Seq<GroupNode>()))),
        new GroupNode(
            12, "Settle", Children: 1, Running: 1, Done: 0, Limit: null, Timeout: null, Age: TimeSpan.FromHours(2),
            GroupState.Running, Seq1(Child(0, "report", ChildState.Running, 7200)), Seq<GroupNode>())));

    /// <summary>No group running.</summary>
    public static GroupTreeSnapshot Empty { get; } = new(4242, TakenAt, Seq<GroupNode>());
}
