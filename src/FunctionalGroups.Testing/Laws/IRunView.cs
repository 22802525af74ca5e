using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>What the laws shared by plan runs and injection runs read of a run.</summary>
internal interface IRunView
{
    bool Ended { get; }

    /// <summary>The outcome's failure, or null when it succeeded.</summary>
    Error? Failure { get; }

    bool OuterCancelled { get; }

    bool TimeoutReached { get; }

    IReadOnlyList<int> Stuck { get; }

    /// <summary>The members left waiting for a sibling through a join, with the sibling, when the run could make no
    /// progress.</summary>
    IReadOnlyList<(int Member, int Target)> StuckJoins { get; }

    int Steps { get; }

    /// <summary>Every injected failure, in member (node or call) order.</summary>
    IReadOnlyList<(int Member, object Failure)> Injected { get; }

    /// <summary>True when the members are the calls of an injection run (for labels).</summary>
    bool MembersAreCalls { get; }

    /// <summary>What a member is, for messages.</summary>
    string Describe(int member);

    /// <summary>The member's fault (a plan leaf, or an injection plan's fault), or null for another kind of member.</summary>
    FaultLeaf? LeafOf(int member);

    /// <summary>Who cancelled the member, for messages (G18).</summary>
    string CancellerOf(int member);
}
