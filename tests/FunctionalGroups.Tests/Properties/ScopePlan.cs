using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace FunctionalGroups.Tests.Properties;

/// <summary>What a member of a scope plan (the body or a spawned child) does after its spawns.</summary>
public enum ScopeKind
{
    /// <summary>Yields k times, observing the token before each yield and at the end, then succeeds.</summary>
    Succeed,

    /// <summary>Yields k times, observing the token, then fails with a fresh error value.</summary>
    Fail,

    /// <summary>Ignores its token for k yields, then succeeds.</summary>
    StubbornSucceed,

    /// <summary>Ignores its token for k yields, then fails (even while cancelled: cleanup failing).</summary>
    StubbornFail,

    /// <summary>Waits until the scope's token is cancelled. Never the body's kind.</summary>
    Hang,
}

/// <summary>
/// A member of a scope plan. It runs: its spawns, in order (each after <see cref="SpawnDelays"/>[i] yields that ignore
/// the token), then the explicit cancel when <see cref="CallsCancel"/>, then its <see cref="Kind"/>.
/// </summary>
public sealed class ScopeMember(ScopeKind kind, int yields, IReadOnlyList<ScopeMember> subs, IReadOnlyList<int> spawnDelays, bool callsCancel)
{
    public ScopeKind Kind { get; } = kind;
    public int Yields { get; } = yields;
    public IReadOnlyList<ScopeMember> Subs { get; } = subs;
    public IReadOnlyList<int> SpawnDelays { get; } = spawnDelays;
    public bool CallsCancel { get; } = callsCancel;

    public IEnumerable<ScopeMember> DepthFirst() => Subs.SelectMany(s => s.DepthFirst()).Prepend(this);

    internal void Render(StringBuilder into)
    {
        into.Append(Kind switch
        {
            ScopeKind.Succeed => "ok",
            ScopeKind.Fail => "fail",
            ScopeKind.StubbornSucceed => "stubborn-ok",
            ScopeKind.StubbornFail => "stubborn-fail",
            _ => "hang",
        });
        if (Kind != ScopeKind.Hang) into.Append(Yields);
        if (CallsCancel) into.Append("+cancel");
        if (Subs.Count == 0) return;
        into.Append(" {");
        for (var i = 0; i < Subs.Count; i++)
        {
            if (i > 0) into.Append(", ");
            into.Append('~').Append(SpawnDelays[i]).Append(' ');
            Subs[i].Render(into);
        }
        into.Append('}');
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }
}

/// <summary>Where the outer source is cancelled.</summary>
public enum ScopeOuterCancel
{
    None,
    BeforeStart,

    /// <summary>By member number <see cref="ScopePlan.CancelAt"/> (depth-first, the body is 0) when it starts.</summary>
    AtMember,
}

/// <summary>A scope plan: the body (the root member) and an optional outer cancel.</summary>
public sealed class ScopePlan(ScopeMember body, ScopeOuterCancel outer, int cancelAt)
{
    public ScopeMember Body { get; } = body;
    public ScopeOuterCancel Outer { get; } = outer;
    public int CancelAt { get; } = cancelAt;

    /// <summary>A member hangs: the body then cancels the scope at its end, so every plan terminates.</summary>
    public bool HasHang => Body.DepthFirst().Any(static m => m.Kind == ScopeKind.Hang);

    public int Members => Body.DepthFirst().Count();

    public override string ToString() =>
        $"body {Body}; outer cancel: {Outer}{(Outer == ScopeOuterCancel.AtMember ? $" at member #{CancelAt}" : "")}";
}

/// <summary>Random spawn trees: a body spawning 0 to 6 children, each spawning 0 to 3 more, at most 3 levels below the body.</summary>
public static class ScopeArbitraries
{
    public const int MaxDepth = 3;

    public static Arbitrary<ScopePlan> Plans() => Arb.From(AnyPlan);

    static Gen<ScopePlan> AnyPlan =>
        from body in Member(0)
        from outer in Gen.Frequency(
            (6, Gen.Constant(ScopeOuterCancel.None)),
            (1, Gen.Constant(ScopeOuterCancel.BeforeStart)),
            (3, Gen.Constant(ScopeOuterCancel.AtMember)))
        from at in Gen.Choose(0, 1 << 20)
        let plan = new ScopePlan(body, outer, 0)
        select new ScopePlan(body, outer, at % plan.Members);

    static Gen<ScopeKind> KindOf(int depth) =>
        depth == 0
            ? Gen.Frequency(
                (5, Gen.Constant(ScopeKind.Succeed)),
                (1, Gen.Constant(ScopeKind.Fail)),
                (2, Gen.Constant(ScopeKind.StubbornSucceed)),
                (1, Gen.Constant(ScopeKind.StubbornFail)))
            : Gen.Frequency(
                (5, Gen.Constant(ScopeKind.Succeed)),
                (2, Gen.Constant(ScopeKind.Fail)),
                (2, Gen.Constant(ScopeKind.StubbornSucceed)),
                (1, Gen.Constant(ScopeKind.StubbornFail)),
                (2, Gen.Constant(ScopeKind.Hang)));

    static Gen<int> SubCount(int depth) =>
        depth == 0 ? Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 6)))
        : depth >= MaxDepth ? Gen.Constant(0)
        : Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)));

    static Gen<ScopeMember> Member(int depth) =>
        from kind in KindOf(depth)
        from yields in Gen.Choose(0, 3)
        from count in SubCount(depth)
        from subs in count == 0 ? Gen.Constant(Array.Empty<ScopeMember>()) : Gen.ArrayOf(Member(depth + 1), count)
        from delays in Gen.ArrayOf(Gen.Choose(0, 2), count)
        from cancel in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ScopeMember(kind, yields, subs, delays, cancel);
}
