using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G02_G03_ScopeFailureTests
{
    [Fact]
    public async Task G2_a_child_failure_cancels_its_siblings_and_the_body()
    {
        var probe = new Probe();
        var bodySawCancel = 0;
        var boom = Error.New("boom");
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(Kids.FailsWith(boom));
            try
            {
                return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref bodySawCancel);
                throw;
            }
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
        Assert.Equal(4, error.Total);                    // three children + the body
        Assert.Equal(2, probe.SawCancellationCount);
        Assert.Equal(1, bodySawCancel);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G2_a_body_failure_cancels_the_children_and_comes_after_their_entries()
    {
        var probe = new Probe();
        var cleanup = new InvalidOperationException("child cleanup");
        var bodyError = new TimeoutException("body");
        var scope = Group.Scope<int>(s => Body<int>(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(Kids.FailsWhenCancelled(cleanup));
            s.SpawnOrThrow(Kids.Hangs(probe));
            await PoolYield.Yield();
            throw bodyError;
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Equal(2, error.Errors.Count);
        Assert.Same(cleanup, error.Errors[0].ToException());   // the children's entries first ...
        Assert.Same(bodyError, error.Errors[1].ToException());  // ... then the body's
        Assert.Equal(4, error.Total);
        Assert.Equal(2, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G2_a_body_failing_with_an_error_value_is_reported_as_that_instance_after_the_children()
    {
        var first = Error.New("child one");
        var second = Error.New("child two");
        var bodyError = Error.New("body");
        var gate = Kids.Gate();
        var scope = Group.Scope<int>(s =>
            from a in s.Spawn(Kids.FailsAt(gate.Task, first.ToException()))
            from b in s.Spawn(Kids.FailsAt(gate.Task, second.ToException()))
            from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                gate.SetResult();
                await Ended(a).ConfigureAwait(false);
                await Ended(b).ConfigureAwait(false);
                return Unit.Default;
            })
            from x in Prelude.FailAff<GroupRuntime, int>(bodyError)
            select x);

        var error = (await scope.RunAsync()).Group();
        Assert.Equal(3, error.Errors.Count);
        Assert.Same(bodyError, error.Errors[2]);
        Assert.Equal(3, error.Total);
    }

    [Fact]
    public async Task G3_a_failure_raised_by_the_body_cleanup_is_reported()
    {
        var boom = Error.New("child");
        var cleanup = new InvalidOperationException("body cleanup");
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.FailsWith(boom));
            try
            {
                return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw cleanup;
            }
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Equal(2, error.Errors.Count);
        Assert.Same(boom, error.Errors[0]);
        Assert.Same(cleanup, error.Errors[1].ToException());
    }

    [Fact]
    public async Task G3_a_cancellation_callback_of_the_body_that_throws_is_reported()
    {
        var boom = Error.New("child");
        var cleanup = new InvalidOperationException("callback");
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            using var registration = ct.Register(() => throw cleanup);
            s.SpawnOrThrow(Kids.FailsWith(boom));
            await WhenCancelled(ct).ConfigureAwait(false);
            return 0;                                    // swallows the cancellation: not a failure
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, error.Errors[0]);
        Assert.Contains(error.Errors, e => ReferenceEquals(e.ToException(), cleanup));
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public async Task G3_every_child_failure_is_reported_once_in_spawn_order()
    {
        var gate = Kids.Gate();
        var errors = Enumerable.Range(0, 5).Select(i => new InvalidOperationException($"e{i}")).ToArray();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            foreach (var e in errors) s.SpawnOrThrow(Kids.FailsAt(gate.Task, e));
            s.SpawnOrThrow(Kids.Ok(1));
            gate.SetResult();                            // every stubborn child fails, cancelled or not
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Equal(errors, error.Errors.Map(e => e.ToException()).ToArray());
        Assert.Equal(7, error.Total);
    }

    [Fact]
    public async Task G3_a_failure_the_body_met_through_Join_is_reported_once_as_the_child_s()
    {
        var boom = Error.New("boom");
        ChildHandle<GroupRuntime, int>? leaked = null;
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.FailsWith(boom))
            from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                leaked = h;
                await Ended(h).ConfigureAwait(false);    // the child has failed and the scope recorded it
                return Unit.Default;
            })
            from x in h.Join                             // Join surfaces the child's own failure ...
            select x + 1);

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors)); // ... and the body failing with it adds no second entry
        Assert.Same(boom, leaked!.Outcome().Error());
    }

    [Fact]
    public async Task G3_a_named_child_failure_the_body_met_through_Join_is_reported_once_with_its_name()
    {
        var boom = Error.New("boom");
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.FailsWith(boom), "acct")
            from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                await Ended(h).ConfigureAwait(false);
                return Unit.Default;
            })
            from x in h.Join
            select x);

        var error = (await scope.RunAsync()).Group();
        var entry = Assert.IsType<NamedError>(Assert.Single(error.Errors));
        Assert.Equal("acct", entry.Name);
        Assert.Same(boom, NamedError.Unnamed(entry));
    }

    [Fact]
    public async Task G3_a_body_joining_a_child_that_is_still_running_when_it_fails_reports_the_failure_once()
    {
        var boom = Error.New("boom");
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.FailsWith(boom))
            from x in h.Join                             // cancelled or failing with boom: either way, once
            select x);

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
    }

    [Fact]
    public async Task G3_a_failure_a_sibling_met_through_Join_is_reported_once()
    {
        var boom = Error.New("boom");
        var bothSpawned = Kids.Gate();
        var failsOnceBothSpawned = Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            await bothSpawned.Task.ConfigureAwait(false);
            return Fin<int>.Fail(boom);
        });
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            var failing = s.SpawnOrThrow(failsOnceBothSpawned);
            s.SpawnOrThrow(
                from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
                {
                    await Ended(failing).ConfigureAwait(false);
                    return Unit.Default;
                })
                from x in failing.Join
                select x);
            bothSpawned.SetResult();
            await WhenCancelled(ct).ConfigureAwait(false);
            return 0;
        }));

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
    }

    [Fact]
    public async Task G3_a_body_that_swallows_cancellation_and_returns_is_not_a_failure()
    {
        var boom = Error.New("boom");
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.FailsWith(boom));
            await WhenCancelled(ct).ConfigureAwait(false);
            return 1;
        }));
        Assert.Same(boom, Assert.Single((await scope.RunAsync()).Group().Errors));
    }

    [Fact]
    public async Task G3_two_children_failing_independently_with_one_shared_error_are_both_reported()
    {
        // One error instance shared by two children (a static "not found", say), and a Join of one of them:
        // only a failure that came out of Join is recognised as already reported.
        var shared = Error.New("not found");
        var gate = Kids.Gate();
        Aff<GroupRuntime, int> FailsWithShared() => Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            await gate.Task.ConfigureAwait(false);
            return Fin<int>.Fail(shared);
        });
        var running = Group.Scope<int>(scope =>
            from a in scope.Spawn(FailsWithShared(), "a")
            from b in scope.Spawn(FailsWithShared(), "b")
            from x in a.Join
            select x).RunAsync().AsTask();
        gate.SetResult();
        var group = (await running).Group();
        Assert.Equal(new[] { "a", "b" }, group.Errors.Map(e => ((NamedError)e).Name).ToArray());
        Assert.All(group.Errors, e => Assert.Same(shared, NamedError.Unnamed(e)));
    }
}
