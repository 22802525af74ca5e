namespace FunctionalGroups.Testing;

/// <summary>
/// A plan flattened in depth-first order: node 0 is the root. For each node: its parent, its owner (the group whose
/// member it is: the parent group, or for a spawned member the spawner's owner), its subtree as the contiguous
/// range [index, <see cref="End"/>), and whether it gives a value of its own (leaves and spawners).
/// </summary>
internal sealed class PlanLayout
{
    readonly List<FaultNode> nodes = [];
    readonly List<int> parent = [];
    readonly List<int> owner = [];
    readonly List<int> end = [];

    public PlanLayout(FaultGroup root)
    {
        // An explicit stack: plans are small, but a hand-written one may be deep.
        var pending = new Stack<(FaultNode Node, int Parent, int Owner, bool Exit, int Index)>();
        pending.Push((root, -1, -1, false, 0));
        while (pending.Count > 0)
        {
            var (node, up, own, exit, index) = pending.Pop();
            if (exit)
            {
                end[index] = nodes.Count;
                continue;
            }
            index = nodes.Count;
            nodes.Add(node);
            parent.Add(up);
            owner.Add(own);
            end.Add(0);
            pending.Push((node, up, own, true, index));
            var below = node.Below;
            var ownerOfBelow = node is FaultGroup ? index : own;
            for (var i = below.Count - 1; i >= 0; i--) pending.Push((below[i], index, ownerOfBelow, false, 0));
        }
    }

    public IReadOnlyList<FaultNode> Nodes => nodes;

    public int Parent(int node) => parent[node];

    /// <summary>The group whose member the node is (-1 for the root).</summary>
    public int Owner(int node) => owner[node];

    /// <summary>One past the last node of the subtree of <paramref name="node"/>.</summary>
    public int End(int node) => end[node];

    /// <summary>The nodes right below <paramref name="node"/>, as indices, in order.</summary>
    public IEnumerable<int> Below(int node)
    {
        for (var i = node + 1; i < end[node]; i = end[i]) yield return i;
    }

    /// <summary>True for the nodes that give a value of their own: leaves and spawners.</summary>
    public bool GivesValue(int node) => nodes[node] is FaultLeaf or FaultSpawner or FaultJoin;

    /// <summary>The values of a run in which everything succeeded: every value-giving node, depth-first.</summary>
    public IEnumerable<int> ExpectedValues() => Enumerable.Range(0, nodes.Count).Where(GivesValue);
}
