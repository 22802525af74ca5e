using LanguageExt;

namespace FunctionalGroups.Diagnostics;

/// <summary>A child of a running group that has not ended, in a <see cref="GroupTreeSnapshot"/>.</summary>
/// <param name="Index">The child's place in its group: argument order for a fixed list, spawn order for a scope
/// (whose body is <c>-1</c>).</param>
/// <param name="Name">The name given with <c>Named</c> or <c>Spawn(child, name)</c> (<c>"body"</c> for a scope's
/// body); <c>null</c> when it has none.</param>
/// <param name="State">Waiting, running or cancelling.</param>
/// <param name="Age">The time since the child started; <c>null</c> when unknown (a waiting child has not started).</param>
/// <param name="Groups">The groups running inside this child, in the order they started.</param>
/// <example>
/// <code>
/// var page = new ChildNode(0, "slow-1", ChildState.Running, TimeSpan.FromSeconds(2), Seq&lt;GroupNode&gt;());
/// </code>
/// </example>
public sealed record ChildNode(int Index, string? Name, ChildState State, TimeSpan? Age, Seq<GroupNode> Groups)
{
    /// <summary>The child's name, or <c>#index</c> when it has none: how the renderings show it.</summary>
    /// <example><c>new ChildNode(2, null, ChildState.Waiting, null, Seq&lt;GroupNode&gt;()).Label</c> is <c>"#2"</c>.</example>
    public string Label => Name ?? $"#{Index}";
}
