using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FunctionalGroups.Testing;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The kit's vocabulary for the classes the review found, on hand-written plans: odd failure values, throwing
/// cancellation callbacks under each canceller, explicit cancels, limits; how plans are normalised with them, and how
/// the shrinker simplifies them toward plain kinds.
/// </summary>
public class VocabularyTests
{
    static FaultGroup Scope(params FaultNode[] children) => new(GroupShape.Scope, children);

    static FaultGroup All(params FaultNode[] children) => new(GroupShape.All, children);

    /// <summary>A throwing callback (node #1, or #2 when nested) under each canceller, and who the laws say cancelled it.</summary>
    public static TheoryData<string, FaultPlan, int, string> Cancellers => new()
    {
        { "parent", FaultPlan.Create(All(Fault.ThrowOnCancel()), OuterEvent.Cancel, 1), 1, "the parent (the caller's token)" },
        { "timeout", FaultPlan.Create(All(Fault.ThrowOnCancel()), OuterEvent.Timeout, 2), 1, "the timeout" },
        { "sibling", FaultPlan.Of(Fault.ThrowOnCancel(), Fault.Fail(1)), 1, "a failure in its group #0" },
        { "parent group", FaultPlan.Of(Fault.All(Fault.Hang(), Fault.ThrowOnCancel()), Fault.Fail(1)), 3, "a parent group" },
        { "explicit", FaultPlan.Create(Scope(Fault.ThrowOnCancel(), Fault.CancelScope(1))), 1, "an explicit cancel of scope #0" },
    };

    [Theory]
    [MemberData(nameof(Cancellers))]
    public async Task G18_a_throwing_callback_is_reported_once_whoever_cancels(string canceller, FaultPlan plan, int node, string named)
    {
        var run = await FaultRun.Execute(plan);

        Assert.True(run.Ended, canceller);
        var thrown = Assert.IsType<InjectedException>(run[node].Injected);
        Assert.Equal(1, run.Result.Group().Leaves.Count(l => ReferenceEquals(l.ToException(), thrown)));
        Assert.Equal(named, ((IRunView)run).CancellerOf(node));
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task G18_odd_values_are_each_reported_once_and_a_shared_one_once_per_member()
    {
        // The bottom failure, last to start, cancels the others at once; they ignore it and fail after their steps.
        var plan = FaultPlan.Of(
            Fault.IgnoreCancel(1, thenFail: true) with { Form = FailureForm.SharedError },
            Fault.IgnoreCancel(2, thenFail: true) with { Form = FailureForm.SharedError },
            Fault.IgnoreCancel(2, thenFail: true) with { Form = FailureForm.ExceptionalWithoutException },
            Fault.FailWith(FailureForm.Bottom));
        var run = await FaultRun.Execute(plan);

        var leaves = run.Result.Group().Leaves;
        Assert.Equal(4, leaves.Count);
        Assert.Equal(2, leaves.Count(static l => ReferenceEquals(l, InjectedError.Shared)));
        Assert.Single(leaves, static l => l.Is(Errors.Bottom));
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task G18_a_stubborn_member_failing_with_bottom_after_its_sibling_failed_is_reported()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.IgnoreCancel(1, thenFail: true) with { Form = FailureForm.Bottom }, Fault.Fail()));

        Assert.Equal(2, run.Result.Group().Errors.Count);
        Assert.Contains(run.Result.Group().Errors, static e => e.Is(Errors.Bottom));
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task G10_a_cancel_scope_leaf_ends_its_scope_with_no_error_and_cancels_its_siblings()
    {
        var run = await FaultRun.Execute(FaultPlan.Create(Scope(Fault.Hang(), Fault.CancelScope(1), Fault.Succeed(3))));

        Assert.True(run.Result.IsSucc);
        Assert.True(run[1].SawCancellation);
        Assert.False(run[3].Succeeded);
        Assert.Equal([0], run.ExplicitCancels);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public async Task G15_under_a_limit_synchronous_children_start_in_order()
    {
        var run = await FaultRun.Execute(FaultPlan.Create(All(Fault.Succeed(), Fault.Succeed(1), Fault.Succeed(), Fault.Succeed(), Fault.Succeed()), maxParallelism: 2));

        var starts = Enumerable.Range(1, 5).Select(n => run[n].Start).ToArray();
        Assert.Equal(starts.Order(), starts);
        Assert.Empty(GroupLaws.Violations(run));
    }

    [Fact]
    public void a_plan_keeps_a_waiting_leaf_only_when_something_is_sure_to_cancel_it()
    {
        // A failure cancels a hang, but not under a limit (the hang may hold the only slot), nor when a scope may be
        // cancelled explicitly before the failure runs.
        Assert.Equal("3 nodes: [hang, fail0]", FaultPlan.Of(Fault.Hang(), Fault.Fail()).ToString());
        Assert.Equal("limit 1; 3 nodes: [ok0, fail0]", FaultPlan.Create(All(Fault.Hang(), Fault.Fail()), maxParallelism: 1).ToString());
        Assert.Equal("5 nodes: [ok0, scope{cancel-scope0}, fail0]",
            FaultPlan.Of(Fault.Hang(), Fault.Scope(Fault.CancelScope()), Fault.Fail()).ToString());
        // A cancel-scope member covers the waiting members of its own scope, and below it.
        Assert.Equal("5 nodes: scope{[throw-on-cancel], cancel-scope0, hang}",
            FaultPlan.Create(Scope(Fault.All(Fault.ThrowOnCancel()), Fault.CancelScope(), Fault.Hang())).ToString());
        Assert.Throws<ArgumentException>(() => Fault.All(Fault.CancelScope()));
    }

    [Fact]
    public void the_shrinker_simplifies_each_new_kind_toward_a_plain_one()
    {
        var plan = FaultPlan.Create(Scope(Fault.ThrowOnCancel(), Fault.CancelScope(1), Fault.FailWith(FailureForm.Bottom)));
        var smaller = FaultArbitraries.Plans().Shrinker(plan).Select(static p => p.ToString()).ToArray();

        Assert.Contains("4 nodes: scope{hang, cancel-scope1, fail0:bottom}", smaller);             // a plain hang
        Assert.Contains("4 nodes: scope{throw-on-cancel, ok1, fail0:bottom}", smaller);             // a plain success
        Assert.Contains("4 nodes: scope{throw-on-cancel, cancel-scope1, fail0!}", smaller);         // a thrown failure
        Assert.Contains("4 nodes: scope{throw-on-cancel, cancel-scope1, fail0}", smaller);          // a fresh error value
        var limited = FaultPlan.Create(All(Fault.Succeed(), Fault.Succeed()), maxParallelism: 2);
        Assert.Equal("3 nodes: [ok0, ok0]", FaultArbitraries.Plans().Shrinker(limited).First().ToString());   // no limit first
    }

    [Property(MaxTest = 200)]
    public Property shrinking_never_adds_nodes_odd_leaves_or_a_limit() =>
        Prop.ForAll(FaultArbitraries.Plans(), static plan =>
            FaultArbitraries.Plans().Shrinker(plan).All(smaller =>
                smaller.Nodes.Count <= plan.Nodes.Count
                && Odd(smaller) <= Odd(plan)
                && (smaller.MaxParallelism is null || smaller.MaxParallelism == plan.MaxParallelism)));

    static int Odd(FaultPlan plan) => plan.Nodes.Count(static n => n is FaultLeaf { IsOdd: true } or FaultLeaf { Behaviour: Behaviour.CancelScope });
}
