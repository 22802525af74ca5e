using FsCheck;
using FsCheck.Fluent;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The laws can fail: systems built the way the peers build them break them, and the kit says which law, for which
/// call, and shrinks to a small plan. (A law that cannot fail would prove nothing.)
/// </summary>
public class CatchesBrokenSystemsTests
{
    static Aff<GroupRuntime, int> Real(int i) => Child.FromTask(_ => Task.FromResult(i));

    /// <summary>Task.WhenAll by hand, keeping the first failure only (what most peers surface).</summary>
    static Aff<GroupRuntime, Seq<int>> FirstErrorOnly(FaultInjector faults) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => faults.Wrap(Real(i)).Run(rt).AsTask()));
            foreach (var fin in all)
                if (fin.IsFail) return Fin<Seq<int>>.Fail(fin.Match(Succ: static _ => Errors.None, Fail: static e => e));
            return Prelude.toSeq(all.Select(static f => f.IfFail(-1)));
        });

    /// <summary>A child started and not awaited (fire and forget), the other awaited.</summary>
    static Aff<GroupRuntime, int> FireAndForget(FaultInjector faults) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            _ = faults.Wrap(Real(0)).Run(rt).AsTask();
            return await faults.Wrap(Real(1)).Run(rt);
        });

    [Fact]
    public async Task keeping_only_the_first_failure_breaks_every_failure_is_reported_once()
    {
        var (_, violations) = await FaultInjection.Verify(InjectionPlan.Of(Fault.Fail(), Fault.Fail(1)), FirstErrorOnly);

        Assert.Contains(violations, static v => v.Law == GroupLaw.EveryFailureIsReportedOnce && v.Node == 1);
        Assert.Contains(violations, static v => v.Law == GroupLaw.GroupCausedCancellationsAreNeverReported);
    }

    [Fact]
    public async Task a_child_left_running_breaks_no_child_outlives_its_group()
    {
        var (_, violations) = await FaultInjection.Verify(InjectionPlan.Of(Fault.Succeed(2)), FireAndForget, GroupLaw.NoChildOutlivesItsGroup);

        var v = Assert.Single(violations);
        Assert.Equal(GroupLaw.NoChildOutlivesItsGroup, v.Law);
        Assert.Equal(0, v.Node);
        Assert.StartsWith("NoChildOutlivesItsGroup at call #0: the call started and never ended", v.ToString());
    }

    [Fact]
    public async Task no_fail_fast_with_a_hang_breaks_group_ends_instead_of_hanging_the_test()
    {
        var (run, violations) = await FaultInjection.Verify(InjectionPlan.Of(Fault.Hang(), Fault.Fail()),
            faults => Group.Validate(faults.Wrap(Real(0)), faults.Wrap(Real(1))));

        Assert.False(run.Ended);
        Assert.Contains(violations, static v => v.Law == GroupLaw.GroupEnds && v.Message.Contains("#0"));
    }

    [Fact]
    public void the_property_finds_the_broken_system_and_shrinks_to_one_plain_failure()
    {
        // Without throwing cancellation callbacks: the system loses those too (into the caller's Cancel), and a single
        // throw-on-cancel call is as small a counterexample as a single failing one.
        var property = FaultInjection.Hold(FirstErrorOnly, FaultPlanSizes.Default with { CancelCallbacks = false }, GroupLaw.EveryFailureIsReportedOnce);
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property));

        Assert.Contains("EveryFailureIsReportedOnce at call #", failure.Message);
        // One failure is enough to break G4 (it comes as a plain error, not a GroupError): the smallest plan is one
        // failing call, with no step and no outer cancel.
        var shrunk = failure.Message[failure.Message.LastIndexOf("Shrunk", StringComparison.Ordinal)..];
        Assert.StartsWith("Shrunk:\ncalls: fail0\n", shrunk.ReplaceLineEndings("\n"));
    }
}
