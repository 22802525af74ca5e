namespace FunctionalGroups.Testing;

/// <summary>The laws a group keeps, each checked by <see cref="GroupLaws"/> against a <see cref="FaultRun"/>.</summary>
public enum GroupLaw
{
    /// <summary>The group ends: a member waiting for a cancellation gets one (G1, G2). Checked with every law.</summary>
    GroupEnds,

    /// <summary>Every failure a child injected is in the group's <see cref="GroupError"/> exactly once, and nothing
    /// else is (G3, G4).</summary>
    EveryFailureIsReportedOnce,

    /// <summary>When a group's effect ends, every member below it has ended before (G1).</summary>
    NoChildOutlivesItsGroup,

    /// <summary>Values and failures come in child order (spawn order in a scope), nesting and names kept (G5, G6).</summary>
    OrderIsKept,

    /// <summary>Cancellations caused by the group, an outer cancel or a timeout are never reported as failures; with
    /// no real failure the outcome is success, <c>Errors.Cancelled</c> or <c>Errors.TimedOut</c> alone (G3, G7, G13).</summary>
    GroupCausedCancellationsAreNeverReported,

    /// <summary>No exception of a run is left unobserved: <see cref="TaskScheduler.UnobservedTaskException"/> stays
    /// silent about it (G12).</summary>
    NothingIsLeftUnobserved,

    /// <summary>A spawn made once the scope is shutting down is refused with
    /// <see cref="SpawnRefusedError.ShuttingDown"/> and its child never runs; an accepted child always runs (G9), unless
    /// it was still waiting for a slot under a limit when the scope shut down (G2: it is then not started).</summary>
    SpawnsAfterShutdownNeverRun,

    /// <summary>Members start in child order (spawn order in a scope) under any limit, and none starts after an
    /// earlier sibling was skipped (G15).</summary>
    StartOrderIsKept,

    /// <summary>Every member starts in its caller's <see cref="ExecutionContext"/> (also when started later under a
    /// limit, or from a spawn), and a member's own AsyncLocal writes reach neither its siblings nor its caller (G16).</summary>
    ContextFlowsAndNothingLeaks,

    /// <summary>A spawn runs at most its child's synchronous prefix: no member spawned by that child (or below it)
    /// starts inside the spawn call (G17).</summary>
    SpawnReturnsPromptly,

    /// <summary>Odd failure values (<c>Errors.Bottom</c>, an exceptional error without an exception, one static error
    /// shared by several members) and failures raised by a cancellation callback are each reported exactly once per
    /// member that raised them, whoever cancelled (a sibling's failure, the parent, the timeout, a parent group, an
    /// explicit cancel), and classifying them ends (G18).</summary>
    EveryValueAndEveryCancellerIsHandled,

    /// <summary><c>Join</c> of a child that failed gives that very failure (the instance, not a cancellation of the
    /// shutdown the failure began), once the child has ended (G18). Checked on plans with <see cref="FaultJoin"/>
    /// members; a joined failure passed on is reported once, as the child's (<see cref="EveryFailureIsReportedOnce"/>).</summary>
    JoinGivesTheChildsFailure,

    /// <summary>A child that joins itself, or a cycle of joins, fails with a clear error (an
    /// <see cref="InvalidOperationException"/> naming the members) and the run does not hang: a run whose members all
    /// wait for each other through joins, with no step or event left, "cannot make progress" (G18).</summary>
    JoinCyclesFailClearly,

    /// <summary>A cancel scope (<c>failAfter</c>, <c>moveOnAfter</c>, <c>shield</c>) answers only once every member below
    /// it has ended: a deadline cancels its effect and joins it, it never abandons it (C1).</summary>
    TimeoutsJoinTheirEffect,

    /// <summary>A deadline answers as timed out (<c>Errors.TimedOut</c>, or <c>None</c> for a moveOnAfter) exactly when
    /// its own deadline cancelled its body first (the caller's token still clear) and the body ended in a cancellation;
    /// otherwise it gives its body's outcome unchanged: a value, a real failure, or the caller's cancellation, passed on
    /// (C2, C3). A caller cancelled already starts nothing.</summary>
    OnlyTheDeadlinesCancellationIsATimeout,

    /// <summary>No member below a shield sees a cancellation unless something inside the shield caused it (a failure, a
    /// deadline, an explicit cancel inside it): no cancel from outside (the caller, the timeout, a failing sibling, an
    /// outer deadline) reaches it, so its cleanup runs to its end (C4). Its caller waits for it
    /// (<see cref="TimeoutsJoinTheirEffect"/>, <see cref="NoChildOutlivesItsGroup"/>) and its failure is a real failure
    /// (<see cref="EveryFailureIsReportedOnce"/>).</summary>
    ShieldedCleanupRunsToItsEnd,

    /// <summary>A streaming group pulls its source only as it admits the items (S1): under a parallelism limit, no pull
    /// leaves more than the limit of its items pulled and not yet ended (an item ends as the kit sees its child end,
    /// before the library does). Checked on plans with <see cref="GroupShape.Stream"/> groups, whose source is the
    /// kit's own lazy <c>IAsyncEnumerable</c> of their children; with no limit every item may be pulled at once.</summary>
    StreamsPullOnlyAsAdmitted,
}

/// <summary>A broken law: which one, at which child (-1: the run as a whole), and what was seen.</summary>
/// <param name="Law">The law.</param>
/// <param name="Node">The child: a node of a <see cref="FaultPlan"/> (depth-first index in <see cref="FaultPlan.Nodes"/>), or
/// a call of an injection run (start order); -1 for the run as a whole.</param>
/// <param name="Message">What was seen.</param>
/// <param name="IsCall">True when <paramref name="Node"/> is a call of an injection run.</param>
public sealed record LawViolation(GroupLaw Law, int Node, string Message, bool IsCall = false)
{
    /// <summary><c>EveryFailureIsReportedOnce at node #3: …</c> (<c>at call #3</c> for an injection run): the label a
    /// property reports.</summary>
    public override string ToString() => $"{Law}{(Node >= 0 ? $" at {(IsCall ? "call" : "node")} #{Node}" : "")}: {Message}";
}
