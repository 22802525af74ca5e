namespace FunctionalGroups.Testing;

/// <summary>
/// How big and how varied generated plans are. Immutable: derive variants with <c>with</c>.
/// </summary>
/// <example>
/// <code>
/// var sizes = FaultPlanSizes.Default with { MaxChildren = 200, Scopes = false, Timeout = false };
/// </code>
/// </example>
public sealed record FaultPlanSizes
{
    /// <summary>Up to 12 children at the root (mostly few), up to 4 in a nested group, 3 levels of nesting, 3 steps,
    /// scopes and spawners, outer cancels and timeouts up to step 6, odd failure values, throwing cancellation callbacks
    /// and explicit scope cancels; no parallelism limit (see <see cref="MaxParallelism"/>).</summary>
    public static FaultPlanSizes Default { get; } = new();

    /// <summary>The most children of the root group (at least 1).</summary>
    public int MaxChildren { get; init; } = 12;

    /// <summary>The most children of a nested group, or members a spawner spawns (at least 1).</summary>
    public int MaxNestedChildren { get; init; } = 4;

    /// <summary>The most levels of nesting below the root (0: leaves only).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>The most steps a leaf takes.</summary>
    public int MaxSteps { get; init; } = 3;

    /// <summary>Whether plans contain scopes and spawners.</summary>
    public bool Scopes { get; init; } = true;

    /// <summary>Whether plans contain an outer cancel.</summary>
    public bool OuterCancel { get; init; } = true;

    /// <summary>Whether plans contain a root timeout.</summary>
    public bool Timeout { get; init; } = true;

    /// <summary>The latest step of an outer cancel or timeout.</summary>
    public int MaxOuterStep { get; init; } = 6;

    /// <summary>Whether leaves that wait for a cancellation (hang, fail in cleanup) are generated. Turn off for a system
    /// that does not cancel on failure (a settle), where a hang would never end.</summary>
    public bool Hangs { get; init; } = true;

    /// <summary>Whether failing leaves are generated (false: plans in which nothing fails).</summary>
    public bool Failures { get; init; } = true;

    /// <summary>Whether failures come in G18's odd forms too: <c>Errors.Bottom</c>, an exceptional error without an
    /// exception, one static error shared by several members.</summary>
    public bool OddFailures { get; init; } = true;

    /// <summary>Whether leaves whose cancellation callback throws are generated (they wait for a cancellation: see
    /// <see cref="Hangs"/>).</summary>
    public bool CancelCallbacks { get; init; } = true;

    /// <summary>Whether scope members that cancel their scope explicitly are generated (with <see cref="Scopes"/>).</summary>
    public bool ExplicitCancels { get; init; } = true;

    /// <summary>The largest parallelism limit a plan's groups get (null, the default: plans never have a limit). Set it
    /// (3 is plenty) to test start order (G15) and context flow (G16) under limits, where children that end during the
    /// first wave decide what starts next.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Whether scopes contain join members (<see cref="FaultJoin"/>): of an earlier sibling, of itself, and
    /// pairs that join each other; failures then come in the shared form too. Off by default (the other laws' plans stay
    /// as they were); the join laws turn it on. Never with <see cref="MaxParallelism"/>: a member waiting in a join holds
    /// its slot, and a limit could then keep the joined sibling from ever starting (a deadlock of the plan, not of the
    /// group).</summary>
    public bool Joins { get; init; }

    /// <summary>Whether plans contain cancel scopes around sub-plans (<see cref="FaultCancelScope"/>:
    /// <c>failAfter</c>, <c>moveOnAfter</c>, <c>shield</c>), with a low weight and deadlines of up to
    /// <see cref="MaxSteps"/> + 1 steps. Off by default (the other laws' plans stay as they were); the cancel-scope laws
    /// turn it on.</summary>
    public bool CancelScopes { get; init; }

    /// <summary>Whether plans contain streaming groups (<see cref="GroupShape.Stream"/>: <c>stream{…}</c>, run through
    /// <c>Group.TraverseStream</c> over a lazy source of its children), with a low weight. Off by default (the other laws'
    /// plans stay as they were); <see cref="GroupLaws.StreamsPullOnlyAsAdmitted"/> turns it on.</summary>
    public bool Streams { get; init; }

    internal void Validate()
    {
        if (MaxChildren < 1) throw new ArgumentOutOfRangeException(nameof(MaxChildren), MaxChildren, "At least one child.");
        if (MaxNestedChildren < 1) throw new ArgumentOutOfRangeException(nameof(MaxNestedChildren), MaxNestedChildren, "At least one child.");
        if (MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "Zero or more.");
        if (MaxSteps < 0) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "Zero or more.");
        if (MaxParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(MaxParallelism), MaxParallelism, "At least 1, or null.");
        if (MaxOuterStep < 1) throw new ArgumentOutOfRangeException(nameof(MaxOuterStep), MaxOuterStep, "At least 1.");
    }
}
