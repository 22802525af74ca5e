using System.Text;

namespace FunctionalGroups.Testing;

/// <summary>
/// A node of a <see cref="FaultPlan"/>: a <see cref="FaultLeaf"/>, a nested <see cref="FaultGroup"/>, a
/// <see cref="FaultCancelScope"/> around a sub-plan, or (inside a scope) a <see cref="FaultSpawner"/> or <see cref="FaultJoin"/>. A node with a <see cref="Name"/> runs as <c>child.Named(name)</c>. Build
/// nodes with <see cref="Fault"/>.
/// </summary>
public abstract record FaultNode
{
    private protected FaultNode(string? name) => Name = name;

    /// <summary>The child's name, or null for an unnamed child.</summary>
    public string? Name { get; init; }

    /// <summary>This node, named.</summary>
    public FaultNode Named(string name) => this with { Name = name };

    /// <summary>The nodes right below this one (children of a group, members a spawner spawns).</summary>
    public abstract IReadOnlyList<FaultNode> Below { get; }

    internal abstract void Render(StringBuilder into);

    private protected void RenderName(StringBuilder into)
    {
        if (Name is not null) into.Append('@').Append(Name);
    }

    private protected static void RenderList(StringBuilder into, IReadOnlyList<FaultNode> nodes, char open, char close)
    {
        into.Append(open);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0) into.Append(", ");
            nodes[i].Render(into);
        }
        into.Append(close);
    }

    /// <summary>The compact form used in property-test reports: <c>ok2</c>, <c>fail1!</c> (thrown), <c>hang</c>,
    /// <c>stubborn-ok3</c>, <c>stubborn-fail0</c>, <c>cleanup-fail1</c>, <c>throw-on-cancel</c>, <c>cancel-scope1</c>,
    /// <c>[…]</c> (all), <c>scope{…}</c>, <c>stream{…}</c> (a streaming group), <c>spawn~2{…}</c>, <c>join^1</c> (joins the scope's child 1), <c>join~2^1</c> (after 2 steps), <c>failAfter2{…}</c>, <c>moveOnAfter2{…}</c>,
    /// <c>shield{…}</c> (cancel scopes, deadlines in steps); a failure's odd form as <c>:bottom</c>,
    /// <c>:exceptional</c>, <c>:shared</c>; <c>@name</c> for a name.</summary>
    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }
}

/// <summary>A leaf: it behaves as <see cref="Behaviour"/> over <see cref="Steps"/> steps and gives its own index.</summary>
public sealed record FaultLeaf : FaultNode
{
    /// <summary>A leaf; see <see cref="Fault"/> for the shorter constructors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative steps.</exception>
    public FaultLeaf(Behaviour behaviour, int steps, FailureForm form = FailureForm.ErrorValue, string? name = null) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        Behaviour = behaviour;
        Steps = steps;
        Form = form;
    }

    /// <summary>What the leaf does.</summary>
    public Behaviour Behaviour { get; init; }

    /// <summary>How many steps it takes (for <see cref="Behaviour.FailInCleanup"/>: steps of cleanup).</summary>
    public int Steps { get; init; }

    /// <summary>How it fails, when it does.</summary>
    public FailureForm Form { get; init; }

    /// <summary>True when the leaf fails whenever it gets to its end.</summary>
    public bool Fails => Behaviour is Behaviour.Fail or Behaviour.IgnoreCancelThenFail;

    /// <summary>True when the leaf waits for a cancellation before it can end.</summary>
    public bool NeedsCancel => Behaviour is Behaviour.Hang or Behaviour.FailInCleanup or Behaviour.ThrowOnCancel;

    /// <summary>True when the leaf's failure is one of G18's odd values or cancellation-callback failures: a form
    /// other than a fresh <see cref="InjectedError"/> or <see cref="InjectedException"/>, or
    /// <see cref="Behaviour.ThrowOnCancel"/>.</summary>
    public bool IsOdd => Behaviour == Behaviour.ThrowOnCancel || Form is not (FailureForm.ErrorValue or FailureForm.Thrown);

    /// <inheritdoc />
    public override IReadOnlyList<FaultNode> Below => [];

    internal override void Render(StringBuilder into)
    {
        into.Append(Behaviour switch
        {
            Behaviour.Succeed => "ok",
            Behaviour.Fail => "fail",
            Behaviour.Hang => "hang",
            Behaviour.IgnoreCancelThenSucceed => "stubborn-ok",
            Behaviour.IgnoreCancelThenFail => "stubborn-fail",
            Behaviour.ThrowOnCancel => "throw-on-cancel",
            Behaviour.CancelScope => "cancel-scope",
            _ => "cleanup-fail",
        });
        if (Behaviour is not (Behaviour.Hang or Behaviour.ThrowOnCancel)) into.Append(Steps);
        if (Behaviour is Behaviour.Fail or Behaviour.IgnoreCancelThenFail or Behaviour.FailInCleanup)
            into.Append(Form switch
            {
                FailureForm.Thrown => "!",
                FailureForm.Bottom => ":bottom",
                FailureForm.ExceptionalWithoutException => ":exceptional",
                FailureForm.SharedError => ":shared",
                _ => "",
            });
        RenderName(into);
    }
}

/// <summary>A nested group of at least one child, run as <see cref="Shape"/>; its value is its members' values in
/// child order (for a scope: in the order the body joins its children).</summary>
public sealed record FaultGroup : FaultNode
{
    /// <summary>A group; see <see cref="Fault.All"/>, <see cref="Fault.Scope"/> and <see cref="Fault.Stream"/>.</summary>
    /// <exception cref="ArgumentException">No children, a spawner, a <see cref="Behaviour.CancelScope"/> leaf or a
    /// <see cref="FaultJoin"/> below an <see cref="GroupShape.All"/> or <see cref="GroupShape.Stream"/> group, or a join whose target is not a child.</exception>
    public FaultGroup(GroupShape shape, IReadOnlyList<FaultNode> children, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count == 0) throw new ArgumentException("A plan group has at least one child.", nameof(children));
        if (shape != GroupShape.Scope && children.Any(static c => c is FaultSpawner))
            throw new ArgumentException("A spawner spawns into a scope: it may be a child of a Scope group (or spawned inside one), not of an All group.", nameof(children));
        if (shape != GroupShape.Scope && children.Any(static c => c is FaultLeaf { Behaviour: Behaviour.CancelScope }))
            throw new ArgumentException("A cancel-scope leaf cancels its scope: it may be a child of a Scope group (or spawned inside one), not of an All group.", nameof(children));
        for (var i = 0; i < children.Count; i++)
            if (children[i] is FaultJoin join)
            {
                if (shape != GroupShape.Scope)
                    throw new ArgumentException("A join member joins a sibling in its scope: it may be a child of a Scope group, not of an All group.", nameof(children));
                if (join.Target >= children.Count)
                    throw new ArgumentException($"Child {i} joins child {join.Target}, but the scope has {children.Count} children.", nameof(children));
            }
        Shape = shape;
        Children = children;
    }

    /// <summary>How the group runs.</summary>
    public GroupShape Shape { get; }

    /// <summary>Its children, in order.</summary>
    public IReadOnlyList<FaultNode> Children { get; }

    /// <inheritdoc />
    public override IReadOnlyList<FaultNode> Below => Children;

    internal override void Render(StringBuilder into)
    {
        if (Shape == GroupShape.All) RenderList(into, Children, '[', ']');
        else
        {
            into.Append(Shape == GroupShape.Stream ? "stream" : "scope");
            RenderList(into, Children, '{', '}');
        }
        RenderName(into);
    }
}

/// <summary>
/// A member of a scope that spawns more members into it while it runs: before each spawn it takes
/// <see cref="StepsBefore"/> steps ignoring its token (so a spawn can race with the scope shutting down, G9); then it
/// joins what it spawned. Its value is its own index, then the values of what it spawned.
/// </summary>
public sealed record FaultSpawner : FaultNode
{
    /// <summary>A spawner; see <see cref="Fault.Spawn"/>.</summary>
    /// <exception cref="ArgumentException">Nothing to spawn, or negative steps.</exception>
    public FaultSpawner(IReadOnlyList<FaultNode> spawned, int stepsBefore = 1, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(spawned);
        if (spawned.Count == 0) throw new ArgumentException("A spawner spawns at least one member.", nameof(spawned));
        ArgumentOutOfRangeException.ThrowIfNegative(stepsBefore);
        Spawned = spawned;
        StepsBefore = stepsBefore;
    }

    /// <summary>The members it spawns, in order.</summary>
    public IReadOnlyList<FaultNode> Spawned { get; }

    /// <summary>Steps taken before each spawn.</summary>
    public int StepsBefore { get; }

    /// <inheritdoc />
    public override IReadOnlyList<FaultNode> Below => Spawned;

    internal override void Render(StringBuilder into)
    {
        into.Append("spawn~").Append(StepsBefore);
        RenderList(into, Spawned, '{', '}');
        RenderName(into);
    }
}

/// <summary>
/// A child of a scope that joins a sibling: the scope's child at <see cref="Target"/> (its position among the scope's
/// children, which the body spawns in that order), after <see cref="StepsBefore"/> steps ignoring its token (so a join
/// can come after the sibling ended, also while the scope shuts down), waiting for that sibling's handle if it is
/// spawned later. It passes
/// the joined outcome on: its value is its own index when the sibling succeeded, and it fails with the very failure
/// <c>Join</c> gave otherwise (which the group reports once, as the sibling's). Its own position as the target is a
/// self-join; two joins targeting each other are a cycle of two: either must fail with a clear error (G18).
/// </summary>
public sealed record FaultJoin : FaultNode
{
    /// <summary>A join member; see <see cref="Fault.Join"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative target or negative steps.</exception>
    public FaultJoin(int target, int stepsBefore = 0, string? name = null) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsBefore);
        Target = target;
        StepsBefore = stepsBefore;
    }

    /// <summary>Steps taken, ignoring its token, before it joins.</summary>
    public int StepsBefore { get; init; }

    /// <summary>The position, among its scope's children, of the sibling it joins.</summary>
    public int Target { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<FaultNode> Below => [];

    internal override void Render(StringBuilder into)
    {
        into.Append("join");
        if (StepsBefore > 0) into.Append('~').Append(StepsBefore);
        into.Append('^').Append(Target);
        RenderName(into);
    }
}
