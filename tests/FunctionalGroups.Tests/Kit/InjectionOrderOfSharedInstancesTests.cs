using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// <see cref="GroupLaw.OrderIsKept"/> over injected calls when several calls fail with one error instance
/// (<c>Errors.Bottom</c> is a single value, like any shared static error): each entry of the group is one call's, in
/// call order. The kit used to map every such entry to the first call with that instance, and so reported a correct
/// group as out of order (found by the F# README example's property, replay seed
/// 5961168481258520634,10239746212799890735).
/// </summary>
public class InjectionOrderOfSharedInstancesTests
{
    static Aff<GroupRuntime, int> Real(int i) => Child.FromTask(_ => Task.FromResult(i));

    [Fact]
    public async Task OrderIsKept_holds_when_two_calls_fail_with_the_same_instance()
    {
        // The shrunk counterexample: call 0 and call 2 both end with Errors.Bottom, call 1 fails in between.
        var plan = InjectionPlan.Of(
            Fault.IgnoreCancel(2, thenFail: true) with { Form = FailureForm.Bottom },
            Fault.Fail(1),
            Fault.IgnoreCancel(1, thenFail: true) with { Form = FailureForm.Bottom },
            Fault.Succeed());

        var (run, violations) = await FaultInjection.Verify(plan,
            faults => Group.All(Enumerable.Range(0, 4).Select(i => faults.Wrap(Real(i)))), GroupLaw.OrderIsKept);

        var entries = Assert.IsType<GroupError>(run.Result.Match(Succ: static _ => null!, Fail: static e => e)).Errors;
        Assert.Equal(3, entries.Count);
        Assert.Empty(violations);
    }
}
