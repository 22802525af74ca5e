using System.Text;
using LanguageExt.Common;

namespace FunctionalGroups.Tests.Properties;

/// <summary>What a leaf child of a plan does once started.</summary>
public enum LeafKind
{
    /// <summary>Yields k times, observing the token before each yield and at the end, then succeeds.</summary>
    Succeed,

    /// <summary>Yields k times, observing the token before each yield and at the end, then fails (injects).</summary>
    Fail,

    /// <summary>Ignores its token: yields k times, then succeeds.</summary>
    StubbornSucceed,

    /// <summary>Ignores its token: yields k times, then fails (injects), even while the group is cancelled.</summary>
    StubbornFail,

    /// <summary>Waits until the group's token is cancelled (<c>Task.Delay(Infinite, ct)</c>).</summary>
    Hang,
}

/// <summary>How a failing leaf fails.</summary>
public enum FailureForm
{
    /// <summary>Returns <c>Fin.Fail</c> of a fresh <see cref="Error"/> value.</summary>
    ErrorValue,

    /// <summary>Throws a fresh <see cref="InjectedFailure"/>.</summary>
    Thrown,
}

/// <summary>Where the outer <see cref="CancellationTokenSource"/> is cancelled.</summary>
public enum OuterCancel
{
    /// <summary>Never.</summary>
    None,

    /// <summary>Before the group is run.</summary>
    BeforeStart,

    /// <summary>By leaf number <see cref="Scenario.CancelLeaf"/> (depth-first order), when it starts, before its first yield.</summary>
    AtLeaf,
}

/// <summary>A child of a plan: a leaf or a nested group; optionally named (<c>child.Named(name)</c>).</summary>
public abstract class PlanNode
{
    protected PlanNode(string? name) => Name = name;

    /// <summary>The child's name, or null for an unnamed child.</summary>
    public string? Name { get; }

    internal abstract void Render(StringBuilder into);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }
}

/// <summary>A leaf child.</summary>
public sealed class LeafNode(LeafKind kind, int yields, FailureForm form, string? name) : PlanNode(name)
{
    public LeafKind Kind { get; } = kind;
    public int Yields { get; } = yields;
    public FailureForm Form { get; } = form;

    /// <summary>True when the leaf fails if it gets to its end.</summary>
    public bool Fails => Kind is LeafKind.Fail or LeafKind.StubbornFail;

    internal LeafNode With(LeafKind? kind = null, int? yields = null) =>
        new(kind ?? Kind, yields ?? Yields, Form, Name);

    internal override void Render(StringBuilder into)
    {
        into.Append(Kind switch
        {
            LeafKind.Succeed => "ok",
            LeafKind.Fail => "fail",
            LeafKind.StubbornSucceed => "stubborn-ok",
            LeafKind.StubbornFail => "stubborn-fail",
            _ => "hang",
        });
        if (Kind != LeafKind.Hang) into.Append(Yields);
        if (Fails) into.Append(Form == FailureForm.Thrown ? "!" : "");
        if (Name is not null) into.Append('@').Append(Name);
    }
}

/// <summary>A nested <c>Group.All</c> over its own children (at least one).</summary>
public sealed class GroupNode : PlanNode
{
    public GroupNode(IReadOnlyList<PlanNode> children, string? name) : base(name)
    {
        if (children.Count == 0) throw new ArgumentException("A plan group has at least one child.", nameof(children));
        Children = children;
    }

    public IReadOnlyList<PlanNode> Children { get; }

    internal override void Render(StringBuilder into)
    {
        into.Append('[');
        for (var i = 0; i < Children.Count; i++)
        {
            if (i > 0) into.Append(", ");
            Children[i].Render(into);
        }
        into.Append(']');
        if (Name is not null) into.Append('@').Append(Name);
    }
}

/// <summary>
/// A generated test case: the root group's plan and where the outer cancel happens. Always normalised
/// (see <see cref="Create"/>), so that every run terminates.
/// </summary>
public sealed class Scenario
{
    Scenario(GroupNode root, OuterCancel outer, int cancelLeaf)
    {
        Root = root;
        Outer = outer;
        CancelLeaf = cancelLeaf;
        Layout = new PlanLayout(root);
    }

    public GroupNode Root { get; }
    public OuterCancel Outer { get; }

    /// <summary>Depth-first index of the leaf that cancels the outer source when it starts (for <see cref="OuterCancel.AtLeaf"/>).</summary>
    public int CancelLeaf { get; }

    internal PlanLayout Layout { get; }

    /// <summary>True when some leaf of the plan fails if it gets to its end.</summary>
    public bool HasFailingLeaf => Layout.Leaves.Any(static l => l.Node.Fails);

    /// <summary>
    /// Normalises a raw plan: the cancelling leaf index is taken modulo the number of leaves; a hanging leaf is
    /// kept only when the group is sure to be cancelled (some leaf fails, or the outer source is cancelled),
    /// else it becomes <c>ok0</c>. A failure anywhere reaches the root and cancels the whole tree; the first
    /// failing leaf in start order always starts, since only a failure or the outer cancel stops a start.
    /// </summary>
    public static Scenario Create(GroupNode root, OuterCancel outer, int cancelLeaf)
    {
        var leaves = new PlanLayout(root).Leaves;
        var canHang = outer != OuterCancel.None || leaves.Any(static l => l.Node.Fails);
        if (!canHang) root = (GroupNode)Rewrite(root, static l => l.Kind == LeafKind.Hang ? l.With(LeafKind.Succeed, 0) : l);
        cancelLeaf = outer == OuterCancel.AtLeaf ? ((cancelLeaf % leaves.Count) + leaves.Count) % leaves.Count : 0;
        return new Scenario(root, outer, cancelLeaf);
    }

    internal static PlanNode Rewrite(PlanNode node, Func<LeafNode, LeafNode> leaf) =>
        node switch
        {
            LeafNode l => leaf(l),
            GroupNode g => new GroupNode(g.Children.Select(c => Rewrite(c, leaf)).ToArray(), g.Name),
            _ => throw new InvalidOperationException(),
        };

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Outer switch
        {
            OuterCancel.None => "no outer cancel",
            OuterCancel.BeforeStart => "outer cancel before start",
            _ => $"outer cancel at leaf #{CancelLeaf}",
        });
        text.Append(", ").Append(Layout.Leaves.Count).Append(" leaves: ");
        Root.Render(text);
        return text.ToString();
    }
}

/// <summary>
/// A plan flattened in depth-first (start) order: every leaf and every group gets an index; group 0 is the root.
/// A group's leaves are the contiguous range [<see cref="GroupInfo.FirstLeaf"/>, <see cref="GroupInfo.EndLeaf"/>).
/// </summary>
internal sealed class PlanLayout
{
    public sealed record LeafInfo(int Index, LeafNode Node, int Group, int Position, int[] Ancestors);

    public sealed record GroupInfo(int Index, GroupNode Node, int Parent, int Position, int FirstLeaf, int EndLeaf, int[] Ancestors);

    readonly List<LeafInfo> leaves = [];
    readonly List<GroupInfo> groups = [];

    public PlanLayout(GroupNode root) => Add(root, -1, 0, []);

    public IReadOnlyList<LeafInfo> Leaves => leaves;
    public IReadOnlyList<GroupInfo> Groups => groups;

    /// <summary>For each group, for each child position: ("leaf", index) or ("group", index).</summary>
    public Dictionary<int, (bool IsLeaf, int Index)[]> ChildrenOf { get; } = [];

    void Add(GroupNode node, int parent, int position, int[] ancestors)
    {
        var index = groups.Count;
        groups.Add(null!);
        var first = leaves.Count;
        var self = ancestors.Append(index).ToArray();
        var children = new (bool, int)[node.Children.Count];
        for (var i = 0; i < node.Children.Count; i++)
        {
            switch (node.Children[i])
            {
                case LeafNode leaf:
                    children[i] = (true, leaves.Count);
                    leaves.Add(new LeafInfo(leaves.Count, leaf, index, i, self));
                    break;
                case GroupNode group:
                    children[i] = (false, groups.Count);
                    Add(group, index, i, self);
                    break;
            }
        }
        ChildrenOf[index] = children;
        groups[index] = new GroupInfo(index, node, parent, position, first, leaves.Count, ancestors);
    }
}
