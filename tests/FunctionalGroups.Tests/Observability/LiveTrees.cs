using FunctionalGroups.Diagnostics;

namespace FunctionalGroups.Tests.Observability;

/// <summary>Walking a live-tree snapshot in the T4 tests (other tests' groups are in it too: each finds its own).</summary>
internal static class LiveTrees
{
    /// <summary>Every group of the forest, nested ones included (an explicit stack: trees may be deep).</summary>
    public static IEnumerable<GroupNode> All(IEnumerable<GroupNode> roots)
    {
        var pending = new Stack<GroupNode>(roots);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var g in node.Groups) pending.Push(g);
            foreach (var m in node.Members)
                foreach (var g in m.Groups) pending.Push(g);
        }
    }
}
