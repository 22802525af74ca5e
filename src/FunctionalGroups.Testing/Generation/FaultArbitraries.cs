using FsCheck;
using FsCheck.Fluent;

namespace FunctionalGroups.Testing;

/// <summary>
/// FsCheck generators of <see cref="FaultPlan"/>s, shrinking toward the smallest plan that still fails: no outer
/// event, fewer children, shallower nesting, fewer steps, simpler behaviours. Use as
/// <c>[Property(Arbitrary = new[] { typeof(FaultArbitraries) })]</c> with a <see cref="FaultPlan"/> parameter, or
/// through <see cref="Plans(FaultPlanSizes?)"/> with your own sizes.
/// </summary>
public static class FaultArbitraries
{
    /// <summary>Plans of the default sizes (for the <c>Arbitrary</c> attribute argument).</summary>
    public static Arbitrary<FaultPlan> FaultPlan() => Plans();

    /// <summary>Plans of the given sizes.</summary>
    public static Arbitrary<FaultPlan> Plans(FaultPlanSizes? sizes = null)
    {
        sizes ??= FaultPlanSizes.Default;
        sizes.Validate();
        return Arb.From(PlanGen(sizes), p => FaultShrinker.Shrink(p));
    }

    /// <summary>The generator of <see cref="Plans"/>, to compose with your own.</summary>
    public static Gen<FaultPlan> PlanGen(FaultPlanSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return
            from weights in WeightsOf(sizes)
            from scopeRoot in sizes.Scopes ? Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))) : Gen.Constant(false)
            from count in Count(sizes.MaxChildren)
            from generated in Gen.ArrayOf(Node(sizes, weights, 1, scopeRoot), count)
            from children in scopeRoot ? WithJoins(sizes, generated) : Gen.Constant(generated)
            from outer in Outer(sizes)
            from step in Gen.Choose(outer == OuterEvent.Timeout ? 1 : 0, sizes.MaxOuterStep)
            from limit in Limit(sizes)
            select Testing.FaultPlan.Create(new FaultGroup(scopeRoot ? GroupShape.Scope : GroupShape.All, children), outer, step, limit);
    }

    /// <summary>Weights of the leaf behaviours, in <see cref="Behaviour"/> order.</summary>
    sealed record Weights(int Succeed, int Fail, int Hang, int StubbornSucceed, int StubbornFail, int CleanupFail, int ThrowOnCancel, int CancelScope)
    {
        public static readonly Weights Calm = new(4, 0, 2, 2, 0, 0, 1, 1);
        public static readonly Weights Rare = new(12, 1, 4, 4, 1, 1, 1, 1);
        public static readonly Weights Common = new(4, 2, 2, 2, 1, 1, 1, 1);
    }

    static Gen<Weights> WeightsOf(FaultPlanSizes sizes)
    {
        var all = sizes.Failures ? new[] { Weights.Calm, Weights.Rare, Weights.Common } : [Weights.Calm];
        if (!sizes.Hangs) all = all.Select(static w => w with { Hang = 0, CleanupFail = 0, ThrowOnCancel = 0 }).ToArray();
        if (!sizes.CancelCallbacks) all = all.Select(static w => w with { ThrowOnCancel = 0 }).ToArray();
        if (!sizes.ExplicitCancels || !sizes.Scopes) all = all.Select(static w => w with { CancelScope = 0 }).ToArray();
        return Gen.Elements(all);
    }

    static Gen<int?> Limit(FaultPlanSizes sizes) =>
        sizes.MaxParallelism is { } max
            ? Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(1, max).Select(static l => (int?)l)))
            : Gen.Constant<int?>(null);

    static Gen<FailureForm> Form(FaultPlanSizes sizes) =>
        sizes.OddFailures
            ? Gen.Frequency(
                (3, Gen.Constant(FailureForm.ErrorValue)), (3, Gen.Constant(FailureForm.Thrown)), (1, Gen.Constant(FailureForm.Bottom)),
                (1, Gen.Constant(FailureForm.ExceptionalWithoutException)), (1, Gen.Constant(FailureForm.SharedError)))
            : Gen.Elements(FailureForm.ErrorValue, FailureForm.Thrown);

    /// <summary>A leaf; a cancel-scope leaf only <paramref name="inScope"/> (a member of a scope).</summary>
    static Gen<FaultLeaf> Leaf(FaultPlanSizes sizes, Weights w, bool inScope)
    {
        var behaviour = Gen.Frequency(new[]
            {
                (w.Succeed, Gen.Constant(Behaviour.Succeed)),
                (w.Fail, Gen.Constant(Behaviour.Fail)),
                (w.Hang, Gen.Constant(Behaviour.Hang)),
                (w.StubbornSucceed, Gen.Constant(Behaviour.IgnoreCancelThenSucceed)),
                (w.StubbornFail, Gen.Constant(Behaviour.IgnoreCancelThenFail)),
                (w.CleanupFail, Gen.Constant(Behaviour.FailInCleanup)),
                (w.ThrowOnCancel, Gen.Constant(Behaviour.ThrowOnCancel)),
                (inScope ? w.CancelScope : 0, Gen.Constant(Behaviour.CancelScope)),
            }.Where(static p => p.Item1 > 0));
        return
            from b in behaviour
            from steps in Gen.Choose(0, sizes.MaxSteps)
            from form in Form(sizes)
            from name in Name
            select new FaultLeaf(b, b == Behaviour.ThrowOnCancel ? 0 : steps, b == Behaviour.ThrowOnCancel ? FailureForm.Thrown : form, name);
    }

    /// <summary>Injection plans: up to <see cref="FaultPlanSizes.MaxChildren"/> faults for the calls of a system under
    /// test, and an optional outer cancel (a timeout is the system's own business).</summary>
    public static Arbitrary<InjectionPlan> Injections(FaultPlanSizes? sizes = null)
    {
        sizes ??= FaultPlanSizes.Default;
        sizes.Validate();
        var gen =
            from weights in WeightsOf(sizes)
            from count in Count(sizes.MaxChildren)
            from faults in Gen.ArrayOf(Leaf(sizes, weights, inScope: false).Select(static l => l with { Name = null }), count)
            from cancel in sizes.OuterCancel ? Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))) : Gen.Constant(false)
            from step in Gen.Choose(0, sizes.MaxOuterStep)
            select InjectionPlan.Create(faults, cancel ? OuterEvent.Cancel : OuterEvent.None, step);
        return Arb.From(gen, FaultShrinker.Shrink);
    }

    /// <summary>A scope's children with some made join members (<see cref="FaultPlanSizes.Joins"/>): of an earlier
    /// sibling mostly, sometimes of itself, sometimes two that join each other (a cycle of two).</summary>
    static Gen<FaultNode[]> WithJoins(FaultPlanSizes sizes, FaultNode[] children)
    {
        if (!sizes.Joins || sizes.MaxParallelism is not null) return Gen.Constant(children);
        var kind = Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)));
        return
            from kinds in Gen.ArrayOf(kind, children.Length)
            from picks in Gen.ArrayOf(Gen.Choose(0, 1000), children.Length)
            from steps in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3))), children.Length)
            select Joined(children, kinds, picks, steps);

        static FaultNode[] Joined(FaultNode[] children, int[] kinds, int[] picks, int[] steps)
        {
            var result = children.ToArray();
            var n = result.Length;
            for (var i = 0; i < n; i++)
            {
                if (result[i] is FaultJoin) continue;
                switch (kinds[i])
                {
                    case 1 when i > 0: result[i] = new FaultJoin(picks[i] % i, steps[i]); break;
                    case 2: result[i] = new FaultJoin(i); break;
                    case 3 when n > 1:
                        var other = (i + 1 + picks[i] % (n - 1)) % n;
                        if (result[other] is FaultJoin) break;
                        result[i] = new FaultJoin(other);
                        result[other] = new FaultJoin(i);
                        break;
                }
            }
            return result;
        }
    }

    static Gen<int> Count(int max) =>
        Gen.Frequency(
            (12, Gen.Choose(1, Math.Min(max, 6))),
            (5, Gen.Choose(1, max)),
            (1, Gen.Constant(max)));

    static Gen<OuterEvent> Outer(FaultPlanSizes sizes)
    {
        var choices = new List<(int, Gen<OuterEvent>)> { (5, Gen.Constant(OuterEvent.None)) };
        if (sizes.OuterCancel) choices.Add((2, Gen.Constant(OuterEvent.Cancel)));
        if (sizes.Timeout) choices.Add((2, Gen.Constant(OuterEvent.Timeout)));
        return Gen.Frequency(choices.ToArray());
    }

    static Gen<string?> Name =>
        Gen.Frequency(
            (3, Gen.Constant<string?>(null)),
            (1, Gen.Choose(0, 99).Select(static i => (string?)$"c{i}")));

    static Gen<FaultNode> Node(FaultPlanSizes sizes, Weights w, int depth, bool inScope)
    {
        var leaf = Leaf(sizes, w, inScope).Select(static l => (FaultNode)l);
        if (depth > sizes.MaxDepth) return leaf;

        var choices = new List<(int, Gen<FaultNode>)>
        {
            (8, leaf),
            (1, from count in Gen.Choose(1, sizes.MaxNestedChildren)
                from children in Gen.ArrayOf(Node(sizes, w, depth + 1, inScope: false), count)
                from name in Name
                select (FaultNode)new FaultGroup(GroupShape.All, children, name)),
        };
        if (sizes.Streams)
            choices.Add((1,
                from count in Gen.Choose(1, sizes.MaxNestedChildren + 2)
                from children in Gen.ArrayOf(Node(sizes, w, depth + 1, inScope: false), count)
                from name in Name
                select (FaultNode)new FaultGroup(GroupShape.Stream, children, name)));
        if (sizes.Scopes)
        {
            choices.Add((1,
                from count in Gen.Choose(1, sizes.MaxNestedChildren)
                from generated in Gen.ArrayOf(Node(sizes, w, depth + 1, inScope: true), count)
                from children in WithJoins(sizes, generated)
                from name in Name
                select (FaultNode)new FaultGroup(GroupShape.Scope, children, name)));
            if (inScope)
                choices.Add((2,
                    from count in Gen.Choose(1, sizes.MaxNestedChildren)
                    from spawned in Gen.ArrayOf(Node(sizes, w, depth + 1, inScope: true), count)
                    from before in Gen.Choose(0, 2)
                    from name in Name
                    select (FaultNode)new FaultSpawner(spawned, before, name)));
        }
        if (sizes.CancelScopes)
            choices.Add((1,
                from kind in Gen.Elements(CancelScopeKind.FailAfter, CancelScopeKind.MoveOnAfter, CancelScopeKind.Shield)
                from steps in Gen.Choose(0, sizes.MaxSteps + 1)
                from body in Node(sizes, w, depth + 1, inScope: false)
                from name in Name
                select (FaultNode)new FaultCancelScope(kind, steps, Plain(body), name)));
        return Gen.Frequency(choices.ToArray());
    }

    /// <summary>A cancel scope's body: a throwing cancellation callback right under a deadline becomes a plain hang (a
    /// deadline reports what it throws inside an <see cref="AggregateException"/>; in a group it is the leaf's own).</summary>
    static FaultNode Plain(FaultNode body) =>
        body is FaultLeaf { Behaviour: Behaviour.ThrowOnCancel } leaf ? leaf with { Behaviour = Behaviour.Hang, Form = FailureForm.ErrorValue } : body;
}
