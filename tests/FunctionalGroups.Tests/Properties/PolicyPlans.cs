using FsCheck;
using FsCheck.Fluent;

namespace FunctionalGroups.Tests.Properties;

/// <summary>A child of the policy properties: it yields <see cref="Yields"/> times, then succeeds or fails.</summary>
public sealed record PolicyKid(bool Fails, int Yields, bool Thrown)
{
    /// <inheritdoc />
    public override string ToString() => (Fails ? (Thrown ? "throw" : "fail") : "ok") + Yields;
}

/// <summary>Children and a parallelism limit (0: none).</summary>
public sealed record PolicyPlan(PolicyKid[] Kids, int Limit)
{
    /// <inheritdoc />
    public override string ToString() => $"limit {Limit}: [{string.Join(" ", Kids.Select(static k => k.ToString()))}]";
}

/// <summary>What a runner of a race does.</summary>
public enum RunnerKind
{
    /// <summary>Waits for the start gate, yields k times, gives its index.</summary>
    Succeeds,

    /// <summary>Fails as it starts, before any runner can have won (so its failure is part of losing).</summary>
    Fails,

    /// <summary>Waits until cancelled.</summary>
    Hangs,
}

/// <summary>One runner of a race.</summary>
public sealed record Runner(RunnerKind Kind, int Yields)
{
    /// <inheritdoc />
    public override string ToString() => Kind + (Kind == RunnerKind.Succeeds ? Yields.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}

/// <summary>The runners of a race, at least one of which succeeds.</summary>
public sealed record RacePlan(Runner[] Runners)
{
    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(" ", Runners.Select(static r => r.ToString()))}]";
}

/// <summary>What a child of a timed-out group does.</summary>
public enum TimedKind
{
    /// <summary>Waits until cancelled.</summary>
    Hangs,

    /// <summary>Ignores cancellation until released after the timeout, then gives a value.</summary>
    StubbornValue,

    /// <summary>Ignores cancellation until released after the timeout, then ends cancelled.</summary>
    StubbornCancels,

    /// <summary>Ignores cancellation until released after the timeout, then fails for real.</summary>
    StubbornFails,

    /// <summary>Waits until cancelled, then fails for real (cleanup code failing).</summary>
    CleanupFails,
}

/// <summary>The policy a timed-out group runs under.</summary>
public enum PolicyKind
{
    /// <summary><c>Group.All</c>.</summary>
    All,

    /// <summary><c>Group.Settle</c>.</summary>
    Settle,

    /// <summary><c>Group.Validate</c>.</summary>
    Validate,

    /// <summary><c>Group.Race</c>.</summary>
    Race,

    /// <summary><c>Group.Traverse</c>.</summary>
    Traverse,

    /// <summary><c>Group.Traverse</c> over a task function.</summary>
    TraverseTasks,
}

/// <summary>Children of a group that times out (at least one hangs), and its policy.</summary>
public sealed record TimeoutPlan(TimedKind[] Kids, PolicyKind Policy)
{
    /// <inheritdoc />
    public override string ToString() => $"{Policy}: [{string.Join(" ", Kids)}]";

    /// <summary>Children whose failure is real (reported beside <c>Errors.TimedOut</c>).</summary>
    public bool FailsForReal(int i) => Kids[i] is TimedKind.StubbornFails or TimedKind.CleanupFails;
}

/// <summary>Generators for the policy properties.</summary>
public static class PolicyArbitraries
{
    static Gen<int> Count =>
        Gen.Frequency(
            (12, Gen.Choose(1, 8)),
            (5, Gen.Choose(9, 40)),
            (2, Gen.Choose(41, 199)),
            (1, Gen.Constant(200)));

    static Gen<PolicyKid> Kid(int failWeight) =>
        from fails in Gen.Frequency((4, Gen.Constant(false)), (failWeight, Gen.Constant(true)))
        from yields in Gen.Choose(0, 3)
        from thrown in Gen.Elements(false, true)
        select new PolicyKid(fails, yields, thrown);

    /// <summary>1 to 200 children, none, a few or many failing; a limit of 1 to 8.</summary>
    public static Arbitrary<PolicyPlan> Plans() =>
        Arb.From(
            from failWeight in Gen.Elements(0, 1, 4)
            from count in Count
            from kids in Gen.ArrayOf(Kid(failWeight), count)
            from limit in Gen.Choose(1, 8)
            select new PolicyPlan(kids, limit),
            ShrinkPlan);

    static IEnumerable<PolicyPlan> ShrinkPlan(PolicyPlan p)
    {
        for (var i = 0; i < p.Kids.Length && p.Kids.Length > 1; i++)
            yield return p with { Kids = p.Kids.Where((_, j) => j != i).ToArray() };
        if (p.Kids.Any(static k => k.Yields > 0))
            yield return p with { Kids = p.Kids.Select(static k => k with { Yields = Math.Max(0, k.Yields - 1) }).ToArray() };
    }

    /// <summary>1 to 40 runners, at least one succeeding.</summary>
    public static Arbitrary<RacePlan> Races() =>
        Arb.From(
            from count in Gen.Choose(1, 40)
            from runners in Gen.ArrayOf(
                from kind in Gen.Frequency(
                    (3, Gen.Constant(RunnerKind.Succeeds)),
                    (2, Gen.Constant(RunnerKind.Fails)),
                    (2, Gen.Constant(RunnerKind.Hangs)))
                from yields in Gen.Choose(0, 3)
                select new Runner(kind, yields), count)
            from winner in Gen.Choose(0, count - 1)
            from yields in Gen.Choose(0, 3)
            select new RacePlan(runners.Any(static r => r.Kind == RunnerKind.Succeeds)
                ? runners
                : runners.Select((r, i) => i == winner ? new Runner(RunnerKind.Succeeds, yields) : r).ToArray()),
            static p => ShrinkRace(p));

    static IEnumerable<RacePlan> ShrinkRace(RacePlan p)
    {
        for (var i = 0; i < p.Runners.Length; i++)
        {
            var fewer = p.Runners.Where((_, j) => j != i).ToArray();
            if (fewer.Any(static r => r.Kind == RunnerKind.Succeeds)) yield return new RacePlan(fewer);
        }
    }

    /// <summary>1 to 40 children, at least one hanging, under any policy.</summary>
    public static Arbitrary<TimeoutPlan> TimedOut() =>
        Arb.From(
            from count in Gen.Choose(1, 40)
            from kinds in Gen.ArrayOf(Gen.Frequency(
                (3, Gen.Constant(TimedKind.Hangs)),
                (1, Gen.Constant(TimedKind.StubbornValue)),
                (1, Gen.Constant(TimedKind.StubbornCancels)),
                (1, Gen.Constant(TimedKind.StubbornFails)),
                (1, Gen.Constant(TimedKind.CleanupFails))), count)
            from hang in Gen.Choose(0, count - 1)
            from policy in Gen.Elements(PolicyKind.All, PolicyKind.Settle, PolicyKind.Validate, PolicyKind.Race, PolicyKind.Traverse, PolicyKind.TraverseTasks)
            select new TimeoutPlan(
                kinds.Contains(TimedKind.Hangs) ? kinds : kinds.Select((k, i) => i == hang ? TimedKind.Hangs : k).ToArray(),
                policy),
            static p => ShrinkTimeout(p));

    static IEnumerable<TimeoutPlan> ShrinkTimeout(TimeoutPlan p)
    {
        for (var i = 0; i < p.Kids.Length; i++)
        {
            var fewer = p.Kids.Where((_, j) => j != i).ToArray();
            if (fewer.Contains(TimedKind.Hangs)) yield return p with { Kids = fewer };
        }
    }
}
