using System.Text;

namespace FunctionalGroups.Testing;

/// <summary>
/// A test case for a group: the root group's tree of child behaviours, and what happens to the run from outside
/// (<see cref="Outer"/> at step <see cref="OuterStep"/>), and the parallelism limit of its groups. Plans are normalised
/// when made so that every run ends: a child that waits for a cancellation is kept only when something is sure to
/// cancel it (an outer cancel or a timeout; a failing leaf when no leaf cancels a scope and no limit could keep that
/// leaf waiting behind the hangs; a cancel-scope leaf among the members of a scope around it; a deadline around it;
/// inside a shield, only what is inside the shield); otherwise it becomes <c>ok0</c>.
/// </summary>
public sealed class FaultPlan
{
    FaultPlan(FaultGroup root, OuterEvent outer, int outerStep, int? maxParallelism)
    {
        Root = root;
        Outer = outer;
        OuterStep = outerStep;
        MaxParallelism = maxParallelism;
        Layout = new PlanLayout(root);
    }

    /// <summary>The <see cref="GroupOptions.MaxParallelism"/> of every group of the plan (null: no limit). Under a limit,
    /// children that end synchronously during the first wave test the start order (G15) and later children the context
    /// they start in (G16).</summary>
    public int? MaxParallelism { get; }

    /// <summary>The root group.</summary>
    public FaultGroup Root { get; }

    /// <summary>What happens from outside.</summary>
    public OuterEvent Outer { get; }

    /// <summary>The step at which <see cref="Outer"/> happens (0 is before the group starts; for a timeout, its length
    /// in steps).</summary>
    public int OuterStep { get; }

    internal PlanLayout Layout { get; }

    /// <summary>Every node of the plan in depth-first order (the root is node 0); a node's index is its number in
    /// probes and reports.</summary>
    public IReadOnlyList<FaultNode> Nodes => Layout.Nodes;

    /// <summary>The nodes right below node <paramref name="node"/> (a group's children, a spawner's spawns), as
    /// indices in <see cref="Nodes"/>, in order: for checks of your own over a run's probes.</summary>
    public IEnumerable<int> Below(int node) => Layout.Below(node);

    /// <summary>One past the last node of the subtree of node <paramref name="node"/>: its subtree is the range
    /// [node, SubtreeEnd(node)) of <see cref="Nodes"/>.</summary>
    public int SubtreeEnd(int node) => Layout.End(node);

    /// <summary>True when some leaf fails whenever it gets to its end.</summary>
    public bool HasFailingLeaf => Layout.Nodes.Any(static n => n is FaultLeaf { Fails: true });

    /// <summary>A plan of an <c>All</c> root over <paramref name="children"/>, nothing from outside.</summary>
    public static FaultPlan Of(params FaultNode[] children) => Create(new FaultGroup(GroupShape.All, children));

    /// <summary>A normalised plan (see the type's summary).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative step, a timeout of 0 steps, or a limit below 1.</exception>
    public static FaultPlan Create(FaultGroup root, OuterEvent outer = OuterEvent.None, int outerStep = 0, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegative(outerStep);
        if (maxParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "A limit is at least 1 (null for none).");
        if (outer == OuterEvent.Timeout && outerStep == 0)
            throw new ArgumentOutOfRangeException(nameof(outerStep), "A timeout lasts at least one step.");
        if (outer == OuterEvent.None) outerStep = 0;
        var nodes = new PlanLayout(root).Nodes;
        // A failure cancels every waiting member when it is sure to happen and to reach them: no limit could keep the
        // failing leaf waiting behind them, and no explicit cancel could end them before it. A cancel scope changes who
        // can reach whom: a deadline cancels its body, no cancel from outside enters a shield, and a moveOnAfter's
        // deadline may cancel a failing leaf before it fails (its failure is then not sure).
        var failureCancels = maxParallelism is null && !nodes.Any(static n => n is FaultLeaf { Behaviour: Behaviour.CancelScope });
        var covered = outer != OuterEvent.None || (failureCancels && SureToFail(root));
        if (!covered || nodes.Any(static n => n is FaultCancelScope))
            root = (FaultGroup)Settle(root, covered, canCover: maxParallelism is null, failureCancels);
        return new FaultPlan(root, outer, outerStep, maxParallelism);
    }

    /// <summary>Waiting leaves that nothing is sure to cancel made <c>ok0</c>: only those inside a scope with a
    /// cancel-scope member (or in a group below one) are <paramref name="covered"/>, and none when a limit could keep
    /// that member waiting behind them (<paramref name="canCover"/> false); a deadline covers its body; in a shield's body
    /// only a failure inside the shield covers (<paramref name="failureCancels"/>: no limit, no explicit cancel).</summary>
    static FaultNode Settle(FaultNode node, bool covered, bool canCover, bool failureCancels) => node switch
    {
        FaultLeaf l => l.NeedsCancel && !covered ? Fault.Succeed() with { Name = l.Name } : l,
        FaultGroup g => new FaultGroup(g.Shape, g.Children.Select(c => Settle(c, covered || (canCover && Cancels(g)), canCover, failureCancels)).ToArray(), g.Name),
        FaultSpawner s => new FaultSpawner(s.Spawned.Select(c => Settle(c, covered, canCover, failureCancels)).ToArray(), s.StepsBefore, s.Name),
        FaultJoin j => j,
        FaultCancelScope { IsDeadline: true } c => c.With(Settle(c.Body, covered: true, canCover, failureCancels)),
        FaultCancelScope c => c.With(Settle(c.Body, covered: failureCancels && SureToFail(c.Body), canCover, failureCancels)),
        _ => throw new ArgumentException($"Unknown plan node {node?.GetType().Name}.", nameof(node)),
    };

    /// <summary>True when some leaf below <paramref name="node"/> fails whenever it gets to its end and no moveOnAfter
    /// between them could cancel it first (its failure would then not happen, nor cancel anything).</summary>
    static bool SureToFail(FaultNode node) => node switch
    {
        FaultLeaf l => l.Fails,
        FaultCancelScope { Kind: CancelScopeKind.MoveOnAfter } => false,
        FaultJoin => false,
        _ => node.Below.Any(SureToFail),
    };

    static bool Cancels(FaultGroup g) =>
        g.Shape == GroupShape.Scope && g.Children.Any(static c => c is FaultLeaf { Behaviour: Behaviour.CancelScope });

    /// <summary>The same plan with <paramref name="leaf"/> applied to every leaf.</summary>
    public static FaultNode Rewrite(FaultNode node, Func<FaultLeaf, FaultLeaf> leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return node switch
        {
            FaultLeaf l => leaf(l),
            FaultGroup g => new FaultGroup(g.Shape, g.Children.Select(c => Rewrite(c, leaf)).ToArray(), g.Name),
            FaultSpawner s => new FaultSpawner(s.Spawned.Select(c => Rewrite(c, leaf)).ToArray(), s.StepsBefore, s.Name),
            FaultJoin j => j,
            FaultCancelScope c => c.With(Rewrite(c.Body, leaf)),
            _ => throw new ArgumentException($"Unknown plan node {node?.GetType().Name}.", nameof(node)),
        };
    }

    /// <summary>The compact form used in property-test reports, e.g.
    /// <c>cancel at step 2; limit 2; 4 nodes: [ok1, fail0!@a, hang]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Outer switch
        {
            OuterEvent.None => "",
            OuterEvent.Cancel => $"cancel at step {OuterStep}; ",
            _ => $"timeout at step {OuterStep}; ",
        });
        if (MaxParallelism is { } limit) text.Append("limit ").Append(limit).Append("; ");
        text.Append(Layout.Nodes.Count).Append(" nodes: ");
        Root.Render(text);
        return text.ToString();
    }
}
