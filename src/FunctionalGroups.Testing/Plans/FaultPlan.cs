using System.Text;

namespace FunctionalGroups.Testing;

/// <summary>
/// A test case for a group: the root group's tree of child behaviours, and what happens to the run from outside
/// (<see cref="Outer"/> at step <see cref="OuterStep"/>). Plans are normalised when made so that every run ends: a
/// child that waits for a cancellation is kept only when something is sure to cancel it (a failing leaf, an outer
/// cancel or a timeout); otherwise it becomes <c>ok0</c>.
/// </summary>
public sealed class FaultPlan
{
    FaultPlan(FaultGroup root, OuterEvent outer, int outerStep)
    {
        Root = root;
        Outer = outer;
        OuterStep = outerStep;
        Layout = new PlanLayout(root);
    }

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
    /// <exception cref="ArgumentOutOfRangeException">A negative step, or a timeout of 0 steps.</exception>
    public static FaultPlan Create(FaultGroup root, OuterEvent outer = OuterEvent.None, int outerStep = 0)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegative(outerStep);
        if (outer == OuterEvent.Timeout && outerStep == 0)
            throw new ArgumentOutOfRangeException(nameof(outerStep), "A timeout lasts at least one step.");
        if (outer == OuterEvent.None) outerStep = 0;
        var canWait = outer != OuterEvent.None || new PlanLayout(root).Nodes.Any(static n => n is FaultLeaf { Fails: true });
        if (!canWait) root = (FaultGroup)Rewrite(root, static l => l.NeedsCancel ? Fault.Succeed() with { Name = l.Name } : l);
        return new FaultPlan(root, outer, outerStep);
    }

    /// <summary>The same plan with <paramref name="leaf"/> applied to every leaf.</summary>
    public static FaultNode Rewrite(FaultNode node, Func<FaultLeaf, FaultLeaf> leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return node switch
        {
            FaultLeaf l => leaf(l),
            FaultGroup g => new FaultGroup(g.Shape, g.Children.Select(c => Rewrite(c, leaf)).ToArray(), g.Name),
            FaultSpawner s => new FaultSpawner(s.Spawned.Select(c => Rewrite(c, leaf)).ToArray(), s.StepsBefore, s.Name),
            _ => throw new ArgumentException($"Unknown plan node {node?.GetType().Name}.", nameof(node)),
        };
    }

    /// <summary>The compact form used in property-test reports, e.g.
    /// <c>cancel at step 2; 4 nodes: [ok1, fail0!@a, hang]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Outer switch
        {
            OuterEvent.None => "",
            OuterEvent.Cancel => $"cancel at step {OuterStep}; ",
            _ => $"timeout at step {OuterStep}; ",
        });
        text.Append(Layout.Nodes.Count).Append(" nodes: ");
        Root.Render(text);
        return text.ToString();
    }
}
