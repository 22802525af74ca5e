namespace FunctionalGroups.Testing;

/// <summary>
/// The AsyncLocal probe of G16. A run writes the root's mark before it starts the root; every node, as it starts,
/// records the mark it sees and writes its own synchronously, in a frame that nothing but the engine restores (not an
/// async method's). So a node that sees its parent's mark ran in its caller's context, and a node that sees a sibling's
/// mark (or none) shows a write that leaked or a context that did not flow.
/// </summary>
internal static class ContextProbe
{
    /// <summary>The mark of node <paramref name="Node"/> of run <paramref name="Run"/>.</summary>
    internal sealed record Mark(long Run, int Node)
    {
        public override string ToString() => Node < 0 ? "no mark" : $"node #{Node}'s mark";
    }

    static readonly AsyncLocal<Mark?> current = new();

    /// <summary>The mark in the current execution context.</summary>
    public static Mark? Current
    {
        get => current.Value;
        set => current.Value = value;
    }
}
