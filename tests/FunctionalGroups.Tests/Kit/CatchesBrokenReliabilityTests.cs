using FsCheck;
using FsCheck.Fluent;
using FunctionalGroups.Testing;

namespace FunctionalGroups.Tests.Kit;

/// <summary>
/// The laws G15–G18 can fail: hand-made broken systems break each, and the kit names the law and the member, and
/// shrinks a generated counterexample to a small plan. (A law that cannot fail would prove nothing.)
/// </summary>
public class CatchesBrokenReliabilityTests
{
    static Aff<GroupRuntime, int> Real(int i) => Child.FromTask(_ => Task.FromResult(i));

    /// <summary>G15 broken: an All that starts its children last first (and gives the values back in order).</summary>
    static readonly EngineHooks LastFirst = new(All: static (children, options) =>
        Group.All(children.Reverse(), options).Map(static values => values.Rev()));

    static readonly AsyncLocal<string?> WorkersOwn = new();

    /// <summary>The context of a thread the caller's context never reached (a pool worker with a value of its own).</summary>
    static readonly ExecutionContext Foreign = ForeignContext();

    static ExecutionContext ForeignContext() =>
        Task.Run(static () =>
        {
            WorkersOwn.Value = "the worker's";
            return ExecutionContext.Capture()!;
        }).GetAwaiter().GetResult();

    /// <summary>G16 broken: an All that starts every child in a pool worker's context instead of its caller's (what a
    /// hand-made limiter does when it starts queued children from whatever thread freed a slot).</summary>
    static readonly EngineHooks ForeignStarts = new(All: static (children, _) =>
        Aff<GroupRuntime, Seq<Seq<int>>>.EffectMaybe(async rt =>
        {
            var started = children.Select(c =>
            {
                Task<Fin<Seq<int>>> start = null!;
                ExecutionContext.Run(Foreign, _ => start = c.Run(rt).AsTask(), null);
                return start;
            }).ToArray();
            var ends = await Task.WhenAll(started);
            return ends.FirstOrDefault(static f => f.IsFail) is { IsFail: true } failed
                ? failed.Match(Succ: static _ => Fin<Seq<Seq<int>>>.Fail(Errors.None), Fail: static e => Fin<Seq<Seq<int>>>.Fail(e))
                : Fin<Seq<Seq<int>>>.Succ(Prelude.toSeq(ends.Select(static f => f.IfFail(Seq<int>.Empty))));
        }));

    /// <summary>G17 broken: the engine's deferred spawns run at once, inside the spawn call that made them.</summary>
    static readonly EngineHooks InlineSpawns = new(DeferredWorkInline: true);

    /// <summary>G18 broken: a group by hand that keeps each distinct failure once, telling failures apart by instance.</summary>
    static Aff<GroupRuntime, Seq<int>> DistinctByInstance(FaultInjector faults) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            var ends = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => faults.Wrap(Real(i)).Run(rt).AsTask()));
            var errors = ends.Where(static f => f.IsFail).Select(static f => f.Match(Succ: static _ => Errors.None, Fail: static e => e))
                .Distinct(ReferenceEqualityComparer.Instance).Cast<Error>().ToArray();
            return errors.Length > 0
                ? Fin<Seq<int>>.Fail(new GroupError(Prelude.toSeq(errors), ends.Length))
                : Prelude.toSeq(ends.Select(static f => f.IfFail(-1)));
        });

    /// <summary>G18 broken: a group by hand that cancels its children on the first failure and swallows what the
    /// cancel throws (a child's throwing token callback).</summary>
    static Aff<GroupRuntime, Seq<int>> SwallowsCancelFailures(FaultInjector faults) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            using var source = CancellationTokenSource.CreateLinkedTokenSource(rt.CancellationToken);
            var inner = GroupRuntime.New(source);
            var running = Enumerable.Range(0, 2).Select(i => Ended(faults.Wrap(Real(i)).Run(inner).AsTask(), source)).ToArray();
            var ends = await Task.WhenAll(running);
            var errors = ends.Where(static f => f.IsFail).Select(static f => f.Match(Succ: static _ => Errors.None, Fail: static e => e))
                .Where(static e => !(e.IsExceptional && e.ToException() is OperationCanceledException)).ToArray();
            return errors.Length > 0 ? Fin<Seq<int>>.Fail(new GroupError(Prelude.toSeq(errors), ends.Length)) : Prelude.toSeq(ends.Select(static f => f.IfFail(-1)));
        });

    static Task<Fin<int>> Ended(Task<Fin<int>> child, CancellationTokenSource source) =>
        child.ContinueWith(t =>
        {
            if (t.Result.IsFail)
                try
                {
                    // Synchronously, on the ending child's thread (the step clock's), as a group's fail-fast does.
                    source.Cancel();
                }
                catch (AggregateException)
                {
                    // The bug: a failure raised while cancelling is dropped.
                }
            return t.Result;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Checks <paramref name="law"/> over generated plans run with <paramref name="hooks"/>, and gives the
    /// failure report (the test fails when the law holds).</summary>
    static string Finds(EngineHooks hooks, GroupLaw law, FaultPlanSizes sizes)
    {
        var property = Prop.ForAll(FaultArbitraries.Plans(sizes), async plan =>
        {
            var run = await FaultRun.Execute(plan, hooks);
            var violations = GroupLaws.Violations(run, law);
            return violations.Count == 0 ? Prop.ToProperty(true) : Prop.Label(false, string.Join("\n", violations));
        });
        return Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property)).Message.ReplaceLineEndings("\n");
    }

    /// <summary>The shrunk case of a report; when the first failing case was already the smallest, FsCheck prints no
    /// shrunk section (0 shrinks), and the original is the shrunk case.</summary>
    static string Shrunk(string report) =>
        report.LastIndexOf("Shrunk:\n", StringComparison.Ordinal) is >= 0 and var shrunk ? report[shrunk..]
        : "Shrunk:\n" + report[(report.LastIndexOf("Original:\n", StringComparison.Ordinal) + "Original:\n".Length)..];

    [Fact]
    public async Task starting_children_last_first_breaks_start_order_is_kept()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.Succeed(1), Fault.Succeed(1), Fault.Succeed(1)), LastFirst);

        Assert.Empty(GroupLaws.Violations(run, GroupLaw.OrderIsKept));
        var v = Assert.Single(GroupLaws.Violations(run, GroupLaw.StartOrderIsKept), static v => v.Node == 2);
        Assert.StartsWith("StartOrderIsKept at node #2: started in group #0 before its earlier sibling #1", v.ToString());
    }

    [Fact]
    public void the_start_order_property_finds_it_and_shrinks_to_two_plain_children()
    {
        var report = Finds(LastFirst, GroupLaw.StartOrderIsKept, FaultPlanSizes.Default with { Scopes = false });

        Assert.Contains("StartOrderIsKept at node #", report);
        Assert.StartsWith("Shrunk:\n3 nodes: [ok0, ok0]\n", Shrunk(report));
    }

    [Fact]
    public async Task starting_children_in_a_foreign_context_breaks_context_flows_and_nothing_leaks()
    {
        var run = await FaultRun.Execute(FaultPlan.Of(Fault.Succeed(), Fault.Succeed()), ForeignStarts);

        var violations = GroupLaws.Violations(run, GroupLaw.ContextFlowsAndNothingLeaks);
        Assert.Equal([1, 2], violations.Select(static v => v.Node));
        Assert.All(violations, static v => Assert.EndsWith("started in a context with no mark, not its caller's (node #0's mark): the caller's context did not flow", v.Message));
    }

    [Fact]
    public void the_context_property_finds_it_and_shrinks_to_two_plain_children()
    {
        var sizes = FaultPlanSizes.Default with { Scopes = false, Hangs = false, Failures = false, OuterCancel = false, Timeout = false };
        var report = Finds(ForeignStarts, GroupLaw.ContextFlowsAndNothingLeaks, sizes);

        Assert.StartsWith("Shrunk:\n2 nodes: [ok0]\n", Shrunk(report));
    }

    [Fact]
    public async Task running_deferred_spawns_inline_breaks_spawn_returns_promptly()
    {
        var plan = FaultPlan.Create(new FaultGroup(GroupShape.Scope, [new FaultSpawner([Fault.Succeed()], stepsBefore: 0)]));
        var run = await FaultRun.Execute(plan, InlineSpawns);

        var v = Assert.Single(GroupLaws.Violations(run, GroupLaw.SpawnReturnsPromptly));
        Assert.Equal("SpawnReturnsPromptly at node #2: started inside the Spawn call of #1: the spawn ran the work of its child's descendants on the spawner's turn", v.ToString());
        Assert.Empty(await FaultRunViolations(plan, GroupLaw.SpawnReturnsPromptly));   // the real engine schedules it
    }

    [Fact]
    public void the_spawn_property_finds_it_and_shrinks_to_a_spawner_of_one()
    {
        var report = Finds(InlineSpawns, GroupLaw.SpawnReturnsPromptly, FaultPlanSizes.Default);

        // A nested scope's body spawns inside the nested scope's own start, itself inside the outer spawn: as small.
        Assert.Matches(@"^Shrunk:\n3 nodes: scope\{(spawn~0|scope)\{ok0\}\}\n", Shrunk(report));
    }

    [Fact]
    public async Task telling_failures_apart_by_instance_breaks_every_value_is_handled_for_a_shared_error()
    {
        var plan = InjectionPlan.Of(Fault.FailWith(FailureForm.SharedError), Fault.Succeed(), Fault.FailWith(FailureForm.SharedError, 1));
        var (_, violations) = await FaultInjection.Verify(plan, DistinctByInstance, GroupLaw.EveryValueAndEveryCancellerIsHandled);

        var v = Assert.Single(violations);
        Assert.Equal(0, v.Node);
        Assert.EndsWith("one value shared by #0, #2; the outcome reports it 1 time(s), not 2", v.Message);
    }

    [Fact]
    public async Task swallowing_what_a_cancel_throws_breaks_every_canceller_is_handled()
    {
        var (_, violations) = await FaultInjection.Verify(InjectionPlan.Of(Fault.ThrowOnCancel(), Fault.Fail(1)), SwallowsCancelFailures,
            GroupLaw.EveryValueAndEveryCancellerIsHandled);

        var v = Assert.Single(violations);
        Assert.True(v.Node == 0, string.Join("\n", violations));
        Assert.Contains("its cancellation callback threw InjectedException", v.Message);
        Assert.EndsWith("when a sibling's failure cancelled it; the outcome reports it 0 time(s), not 1", v.Message);
    }

    [Fact]
    public void the_canceller_property_finds_it_and_shrinks_to_one_callback()
    {
        var property = FaultInjection.Hold(SwallowsCancelFailures, FaultPlanSizes.Default, GroupLaw.EveryValueAndEveryCancellerIsHandled);
        var report = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property)).Message.ReplaceLineEndings("\n");

        // One call is enough: when nothing fails the run cancels from outside, and the linked source's Cancel throws
        // into the caller's, out of the system's reach.
        Assert.StartsWith("Shrunk:\ncalls: throw-on-cancel\n", Shrunk(report));
        Assert.Contains("when the parent (the caller's token) cancelled it; the outcome reports it 0 time(s), not 1", report);
    }

    static async Task<IReadOnlyList<LawViolation>> FaultRunViolations(FaultPlan plan, GroupLaw law) =>
        GroupLaws.Violations(await FaultRun.Execute(plan), law);
}
