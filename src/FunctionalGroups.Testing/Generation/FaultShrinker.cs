namespace FunctionalGroups.Testing;

/// <summary>
/// Smaller plans, biggest cuts first, so that FsCheck reaches a small failing plan quickly: without the outer event,
/// without a limit, with a root's only nested group as the root, without one child anywhere, with a nested group or
/// spawner replaced by its children, a scope or a stream made an All, with fewer steps, with simpler behaviours (a failure or a
/// hang made a success, a stubborn leaf made plain, a throwing cancellation callback made a plain hang, a cancel-scope
/// leaf made a plain success, a join made a plain success (or of an earlier sibling), a cancel scope replaced by its body
/// (or with a shorter deadline), an odd failure value or a thrown failure made a fresh error value), without names. Each
/// candidate is normalised again; a candidate that would not be a valid plan is skipped.
/// </summary>
internal static class FaultShrinker
{
    public static IEnumerable<FaultPlan> Shrink(FaultPlan plan)
    {
        var limit = plan.MaxParallelism;
        if (plan.Outer != OuterEvent.None) yield return FaultPlan.Create(plan.Root, maxParallelism: limit);
        if (limit is not null) yield return FaultPlan.Create(plan.Root, plan.Outer, plan.OuterStep);
        // A root whose only child is a group: that group as the root.
        if (plan.Root.Children is [FaultGroup only] && Make(new FaultGroup(only.Shape, only.Children), plan.Outer, plan.OuterStep, limit) is { } lifted)
            yield return lifted;
        foreach (var root in Smaller(plan.Root).OfType<FaultGroup>())
            if (Make(root, plan.Outer, plan.OuterStep, limit) is { } smaller) yield return smaller;
        if (plan.OuterStep > 1 || (plan.Outer == OuterEvent.Cancel && plan.OuterStep > 0))
            yield return FaultPlan.Create(plan.Root, plan.Outer, plan.OuterStep - 1, limit);
    }

    /// <summary>Smaller injection plans: without the outer cancel, without one fault (the later calls move up), with
    /// one fault made a plain call, with one fault smaller.</summary>
    public static IEnumerable<InjectionPlan> Shrink(InjectionPlan plan)
    {
        var faults = plan.Faults;
        if (plan.Outer != OuterEvent.None) yield return InjectionPlan.Create(faults);
        for (var i = faults.Count - 1; i >= 0; i--)
            yield return InjectionPlan.Create(faults.Where((_, j) => j != i).ToArray(), plan.Outer, plan.OuterStep);
        for (var i = 0; i < faults.Count; i++)
            if (faults[i] != Fault.Succeed())
                yield return InjectionPlan.Create(faults.Select((f, j) => j == i ? Fault.Succeed() : f).ToArray(), plan.Outer, plan.OuterStep);
        for (var i = 0; i < faults.Count; i++)
            foreach (var smaller in Smaller(faults[i]).Cast<FaultLeaf>())
                yield return InjectionPlan.Create(faults.Select((f, j) => j == i ? smaller : f).ToArray(), plan.Outer, plan.OuterStep);
        if (plan.OuterStep > 0) yield return InjectionPlan.Create(faults, plan.Outer, plan.OuterStep - 1);
    }

    static FaultPlan? Make(FaultGroup root, OuterEvent outer, int step, int? limit)
    {
        try
        {
            return FaultPlan.Create(root, outer, step, limit);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Smaller versions of one node.</summary>
    static IEnumerable<FaultNode> Smaller(FaultNode node)
    {
        switch (node)
        {
            case FaultLeaf leaf:
                if (leaf.Steps > 0) yield return leaf with { Steps = leaf.Steps - 1 };
                if (leaf.Behaviour is Behaviour.Fail or Behaviour.Hang) yield return leaf with { Behaviour = Behaviour.Succeed, Form = FailureForm.ErrorValue };
                if (leaf.Behaviour == Behaviour.IgnoreCancelThenSucceed) yield return leaf with { Behaviour = Behaviour.Succeed };
                if (leaf.Behaviour == Behaviour.IgnoreCancelThenFail) yield return leaf with { Behaviour = Behaviour.Fail };
                if (leaf.Behaviour == Behaviour.FailInCleanup) yield return leaf with { Behaviour = Behaviour.Fail };
                if (leaf.Behaviour == Behaviour.FailInCleanup) yield return leaf with { Behaviour = Behaviour.Hang, Steps = 0 };
                if (leaf.Behaviour == Behaviour.ThrowOnCancel) yield return leaf with { Behaviour = Behaviour.Hang, Form = FailureForm.ErrorValue };
                if (leaf.Behaviour == Behaviour.CancelScope) yield return leaf with { Behaviour = Behaviour.Succeed };
                if (leaf.Behaviour is Behaviour.Fail or Behaviour.IgnoreCancelThenFail or Behaviour.FailInCleanup)
                {
                    if (leaf.Form is not (FailureForm.ErrorValue or FailureForm.Thrown)) yield return leaf with { Form = FailureForm.Thrown };
                    if (leaf.Form != FailureForm.ErrorValue) yield return leaf with { Form = FailureForm.ErrorValue };
                }
                if (leaf.Name is not null) yield return leaf with { Name = null };
                break;

            case FaultGroup group:
                foreach (var list in SmallerLists(group.Children)) if (Try(() => new FaultGroup(group.Shape, list, group.Name)) is { } g) yield return g;
                if (group.Shape == GroupShape.Stream) yield return new FaultGroup(GroupShape.All, group.Children, group.Name);
                if (group.Shape == GroupShape.Scope && Try(() => new FaultGroup(GroupShape.All, group.Children, group.Name)) is { } all) yield return all;
                if (group.Name is not null) yield return new FaultGroup(group.Shape, group.Children);
                break;

            case FaultJoin join:
                // Toward no join: a plain success in its place, then an earlier target.
                yield return Fault.Succeed() with { Name = join.Name };
                if (join.StepsBefore > 0) yield return join with { StepsBefore = join.StepsBefore - 1 };
                if (join.Target > 0) yield return join with { Target = join.Target - 1 };
                if (join.Name is not null) yield return join with { Name = null };
                break;

            case FaultCancelScope scope:
                // Toward no cancel scope: its body in its place (the scope's name kept), then a smaller body, a shorter
                // deadline.
                yield return scope.Body with { Name = scope.Name ?? scope.Body.Name };
                foreach (var body in Smaller(scope.Body))
                    if (Try(() => scope.With(body)) is { } smaller) yield return smaller;
                if (scope.Steps > 0) yield return new FaultCancelScope(scope.Kind, scope.Steps - 1, scope.Body, scope.Name);
                if (scope.Name is not null) yield return new FaultCancelScope(scope.Kind, scope.Steps, scope.Body);
                break;

            case FaultSpawner spawner:
                foreach (var list in SmallerLists(spawner.Spawned)) if (Try(() => new FaultSpawner(list, spawner.StepsBefore, spawner.Name)) is { } s) yield return s;
                if (spawner.StepsBefore > 0) yield return new FaultSpawner(spawner.Spawned, spawner.StepsBefore - 1, spawner.Name);
                if (spawner.Name is not null) yield return new FaultSpawner(spawner.Spawned, spawner.StepsBefore);
                break;
        }
    }

    /// <summary>Smaller lists: one element removed; a nested group or spawner spliced in; one element smaller.</summary>
    static IEnumerable<IReadOnlyList<FaultNode>> SmallerLists(IReadOnlyList<FaultNode> nodes)
    {
        for (var i = 0; i < nodes.Count && nodes.Count > 1; i++)
            yield return Retarget(nodes.Where((_, j) => j != i).ToArray(), i, 0);
        for (var i = 0; i < nodes.Count; i++)
            if (nodes[i] is not (FaultLeaf or FaultJoin))
                yield return Retarget(nodes.Take(i).Concat(nodes[i].Below).Concat(nodes.Skip(i + 1)).ToArray(), i, nodes[i].Below.Count);
        for (var i = 0; i < nodes.Count; i++)
            foreach (var smaller in Smaller(nodes[i]))
                yield return nodes.Take(i).Append(smaller).Concat(nodes.Skip(i + 1)).ToArray();
    }

    /// <summary>The join members of a list whose element <paramref name="at"/> was replaced by <paramref name="count"/>
    /// elements, still joining the siblings they joined: later targets move; a join of the element replaced becomes a
    /// plain success (toward no join).</summary>
    static FaultNode[] Retarget(FaultNode[] nodes, int at, int count)
    {
        for (var i = 0; i < nodes.Length; i++)
            if (nodes[i] is FaultJoin join && (i < at || i >= at + count))
                nodes[i] = join.Target == at ? Fault.Succeed() with { Name = join.Name }
                    : join.Target > at ? join with { Target = join.Target - 1 + count }
                    : join;
        return nodes;
    }

    static T? Try<T>(Func<T> make) where T : class
    {
        try
        {
            return make();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
