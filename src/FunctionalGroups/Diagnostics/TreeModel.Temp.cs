// Temporary copy of the live tree's model (the contract given to the tool's branch); removed when that branch merges.
#pragma warning disable RS0016, CS1591
using LanguageExt;

namespace FunctionalGroups.Diagnostics;

public enum ChildState { Waiting, Running, Cancelling, Done }

public enum GroupState { Running, Cancelling }

public sealed record ChildNode(int Index, string? Name, ChildState State, TimeSpan? Age, Seq<GroupNode> Groups);

public sealed record GroupNode(long Id, string Policy, int Children, int Running, int Done, int? Limit, TimeSpan? Timeout, TimeSpan Age, GroupState State, Seq<ChildNode> Members, Seq<GroupNode> Groups);

public sealed record GroupTreeSnapshot(int ProcessId, DateTimeOffset TakenAt, Seq<GroupNode> Roots);

public static class GroupTree
{
    public static GroupTreeSnapshot Capture() => Engine.RunRegistry.Snapshot();
}
