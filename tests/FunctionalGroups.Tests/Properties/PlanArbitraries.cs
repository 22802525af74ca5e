using FsCheck;
using FsCheck.Fluent;

namespace FunctionalGroups.Tests.Properties;

/// <summary>A scenario in which nothing fails and nothing is cancelled (for the laws about successful groups).</summary>
public sealed class CleanScenario(Scenario value)
{
    public Scenario Value { get; } = value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Generators of plans: 1 to 200 children at the root (mostly few), each a leaf (succeed, fail, ignore
/// cancellation then succeed or fail, hang until cancelled; k in 0..3 yields; sometimes named) or a nested group of
/// 1 to 6 children, nested at most <see cref="MaxDepth"/> levels below the root; an optional outer cancel.
/// </summary>
public static class PlanArbitraries
{
    /// <summary>How many levels of nested groups a plan may have below its root.</summary>
    public const int MaxDepth = 3;

    /// <summary>Any scenario.</summary>
    public static Arbitrary<Scenario> Scenarios() => Arb.From(AnyScenario, Shrink);

    /// <summary>Scenarios with no failing leaf, no hang and no outer cancel.</summary>
    public static Arbitrary<CleanScenario> CleanScenarios() =>
        Arb.From(
            ScenarioOf(Weights.Clean, Gen.Constant(OuterCancel.None)).Select(static s => new CleanScenario(s)),
            static c => Shrink(c.Value).Select(static s => new CleanScenario(s)));

    /// <summary>Weights of the leaf kinds, in <see cref="LeafKind"/> order.</summary>
    sealed record Weights(int Succeed, int Fail, int StubbornSucceed, int StubbornFail, int Hang)
    {
        public static readonly Weights Clean = new(3, 0, 1, 0, 0);
        public static readonly Weights Calm = new(4, 0, 2, 0, 2);
        public static readonly Weights Rare = new(12, 1, 4, 1, 4);
        public static readonly Weights Common = new(4, 2, 2, 1, 2);
    }

    static Gen<Scenario> AnyScenario =>
        Gen.Elements(Weights.Calm, Weights.Rare, Weights.Common)
            .SelectMany(weights => ScenarioOf(weights, Gen.Frequency(
                (5, Gen.Constant(OuterCancel.None)),
                (1, Gen.Constant(OuterCancel.BeforeStart)),
                (5, Gen.Constant(OuterCancel.AtLeaf)))));

    static Gen<Scenario> ScenarioOf(Weights weights, Gen<OuterCancel> outer) =>
        from count in RootCount
        from children in Gen.ArrayOf(Node(weights, 1), count)
        from cancel in outer
        from at in Gen.Choose(0, 1 << 20)
        select Scenario.Create(new GroupNode(children, null), cancel, at);

    static Gen<int> RootCount =>
        Gen.Frequency(
            (12, Gen.Choose(1, 8)),
            (5, Gen.Choose(9, 40)),
            (2, Gen.Choose(41, 199)),
            (1, Gen.Constant(200)));

    static Gen<string?> Name =>
        Gen.Frequency(
            (3, Gen.Constant<string?>(null)),
            (1, Gen.Choose(0, 99).Select(static i => (string?)$"c{i}")));

    static Gen<PlanNode> Node(Weights w, int depth)
    {
        var kind = Gen.Frequency(new[]
            {
                (w.Succeed, Gen.Constant(LeafKind.Succeed)),
                (w.Fail, Gen.Constant(LeafKind.Fail)),
                (w.StubbornSucceed, Gen.Constant(LeafKind.StubbornSucceed)),
                (w.StubbornFail, Gen.Constant(LeafKind.StubbornFail)),
                (w.Hang, Gen.Constant(LeafKind.Hang)),
            }.Where(static p => p.Item1 > 0));
        var leaf =
            from k in kind
            from yields in Gen.Choose(0, 3)
            from form in Gen.Elements(FailureForm.ErrorValue, FailureForm.Thrown)
            from name in Name
            select (PlanNode)new LeafNode(k, yields, form, name);
        if (depth > MaxDepth) return leaf;
        var nested =
            from count in Gen.Choose(1, 6)
            from children in Gen.ArrayOf(Node(w, depth + 1), count)
            from name in Name
            select (PlanNode)new GroupNode(children, name);
        return Gen.Frequency((9, leaf), (1, nested));
    }

    /// <summary>Smaller scenarios: without the outer cancel, without one root child, with a nested root child
    /// spliced into the root, with fewer yields. Each is normalised again.</summary>
    public static IEnumerable<Scenario> Shrink(Scenario s)
    {
        var children = s.Root.Children;
        if (s.Outer != OuterCancel.None) yield return Scenario.Create(s.Root, OuterCancel.None, 0);
        for (var i = 0; i < children.Count && children.Count > 1; i++)
        {
            var fewer = children.Where((_, j) => j != i).ToArray();
            yield return Scenario.Create(new GroupNode(fewer, null), s.Outer, s.CancelLeaf);
        }
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is not GroupNode nested) continue;
            var spliced = children.Take(i).Concat(nested.Children).Concat(children.Skip(i + 1)).ToArray();
            yield return Scenario.Create(new GroupNode(spliced, null), s.Outer, s.CancelLeaf);
        }
        if (s.Layout.Leaves.Any(static l => l.Node.Yields > 0))
        {
            var calmer = (GroupNode)Scenario.Rewrite(s.Root, static l => l.With(yields: Math.Max(0, l.Yields - 1)));
            yield return Scenario.Create(calmer, s.Outer, s.CancelLeaf);
        }
    }
}
