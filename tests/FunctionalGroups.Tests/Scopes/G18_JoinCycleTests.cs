using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G18: a child that joins itself (from its own code or from code running inside it), or a cycle of joins, fails at
/// once with a clear <see cref="InvalidOperationException"/> error instead of hanging; a join chain is no cycle.
/// </summary>
public class G18_JoinCycleTests
{
    const int Rounds = 20;

    /// <summary>Only a hang guard: a run that hangs fails the test instead of the whole test run. No timing is asserted.</summary>
    static async Task<Fin<A>> Guarded<A>(Aff<GroupRuntime, A> effect)
    {
        var run = effect.RunAsync().AsTask();
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == run, "the scope hung: a join cycle was not refused");
        return await run;
    }

    static TaskCompletionSource<ChildHandle<GroupRuntime, int>> HandleSlot() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for the handle in <paramref name="slot"/>, joins it with the member's runtime, notes and ends with what Join gave.</summary>
    /// <remarks>With <paramref name="uncancellable"/> the join does not stop waiting at the scope's shutdown (it is still
    /// the member's join: the member is known to its code through an AsyncLocal).</remarks>
    static Aff<GroupRuntime, int> JoinsWhenKnown(TaskCompletionSource<ChildHandle<GroupRuntime, int>> slot, Action<Fin<int>> joined, bool uncancellable = false) =>
        Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            var handle = await slot.Task.ConfigureAwait(false);
            var fin = await handle.Join.Run(uncancellable ? GroupRuntime.Uncancellable : rt).ConfigureAwait(false);
            joined(fin);
            return fin;
        });

    static Aff<GroupRuntime, Unit> Publish(TaskCompletionSource<ChildHandle<GroupRuntime, int>> slot, ChildHandle<GroupRuntime, int> handle) =>
        Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
        {
            slot.SetResult(handle);
            return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
        });

    static Aff<GroupRuntime, Unit> Open(TaskCompletionSource gate) =>
        Aff<GroupRuntime, Unit>.EffectMaybe(_ =>
        {
            gate.SetResult();
            return ValueTask.FromResult(Fin<Unit>.Succ(Prelude.unit));
        });

    static InvalidOperationException Refusal(Error error) =>
        Assert.IsType<InvalidOperationException>(NamedError.Unnamed(error).ToException());

    [Fact]
    public async Task G18_a_child_joining_its_own_handle_fails_at_once_with_a_clear_error_and_the_scope_reports_it()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var self = HandleSlot();
            Fin<int> joined = default;
            var fin = await Guarded(Group.Scope<int>(s =>
                from h in s.Spawn(JoinsWhenKnown(self, f => joined = f))
                from _ in Publish(self, h)
                select 0));

            var refusal = Refusal(joined.Error());
            Assert.Contains("its own handle", refusal.Message);
            var error = fin.Group();
            Assert.Same(refusal, Refusal(Assert.Single(error.Errors)));
        }
    }

    [Fact]
    public async Task G18_a_two_cycle_of_joins_fails_with_a_clear_error_instead_of_hanging()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var slotA = HandleSlot();
            var slotB = HandleSlot();
            var fin = await Guarded(Group.Scope<int>(s =>
                from a in s.Spawn(JoinsWhenKnown(slotB, _ => { }), "A")
                from b in s.Spawn(JoinsWhenKnown(slotA, _ => { }), "B")
                from pa in Publish(slotA, a)
                from pb in Publish(slotB, b)
                select 0));

            var error = fin.Group();
            // The member whose join closed the cycle fails; the other one passes that failure on (reported once).
            var refusal = Refusal(Assert.Single(error.Errors));
            Assert.Contains("cycle", refusal.Message);
        }
    }

    [Fact]
    public async Task G18_a_three_cycle_of_joins_fails_with_a_clear_error_instead_of_hanging()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var slotA = HandleSlot();
            var slotB = HandleSlot();
            var slotC = HandleSlot();
            var fin = await Guarded(Group.Scope<int>(s =>
                from a in s.Spawn(JoinsWhenKnown(slotB, _ => { }), "A")
                from b in s.Spawn(JoinsWhenKnown(slotC, _ => { }), "B")
                from c in s.Spawn(JoinsWhenKnown(slotA, _ => { }), "C")
                from pa in Publish(slotA, a)
                from pb in Publish(slotB, b)
                from pc in Publish(slotC, c)
                select 0));

            var error = fin.Group();
            Assert.NotEmpty(error.Errors);
            // Every entry is the one refusal (the member that closed the cycle); with joins that stop at the shutdown a
            // member may end cancelled instead of passing it on. Exactly once: G18_a_three_cycle_of_joins_reports_its_refusal_once.
            var refusal = Refusal(error.Errors[0]);
            Assert.Contains("cycle", refusal.Message);
            Assert.All(error.Errors, e => Assert.Same(refusal, Refusal(e)));
        }
    }

    [Fact]
    public async Task G18_a_three_cycle_of_joins_reports_its_refusal_once()
    {
        // The member whose join closed the cycle fails; the two others pass that failure on through their joins (which
        // do not stop at the shutdown, so the last one surely receives the pass-on rather than a cancellation).
        var slotA = HandleSlot();
        var slotB = HandleSlot();
        var slotC = HandleSlot();
        var fin = await Guarded(Group.Scope<int>(s =>
            from a in s.Spawn(JoinsWhenKnown(slotB, _ => { }, uncancellable: true))
            from b in s.Spawn(JoinsWhenKnown(slotC, _ => { }, uncancellable: true))
            from c in s.Spawn(JoinsWhenKnown(slotA, _ => { }, uncancellable: true))
            from pa in Publish(slotA, a)
            from pb in Publish(slotB, b)
            from pc in Publish(slotC, c)
            select 0));

        Assert.Contains("cycle", Refusal(Assert.Single(fin.Group().Errors)).Message);
    }

    [Fact]
    public async Task G18_a_failure_passed_on_through_two_joins_is_reported_once()
    {
        // C joins B, B joins A, A fails: B passes A's failure on, C passes on what B passed on. One failure, once.
        for (var round = 0; round < Rounds; round++)
        {
            var boom = Error.New(9, "boom");
            var go = Kids.Gate();
            var slotA = HandleSlot();
            var slotB = HandleSlot();
            Fin<int> bGot = default, cGot = default;
            var fin = await Guarded(Group.Scope<int>(s =>
                from a in s.Spawn(Aff<GroupRuntime, int>.EffectMaybe(async _ =>
                {
                    await go.Task.ConfigureAwait(false);
                    return Fin<int>.Fail(boom);
                }))
                from b in s.Spawn(JoinsWhenKnown(slotA, f => bGot = f, uncancellable: true))
                from c in s.Spawn(JoinsWhenKnown(slotB, f => cGot = f, uncancellable: true))
                from pa in Publish(slotA, a)
                from pb in Publish(slotB, b)
                from opened in Open(go)
                select 0));

            Assert.Same(boom, bGot.Error());
            Assert.Same(boom, cGot.Error());
            Assert.Same(boom, Assert.Single(fin.Group().Errors));
        }
    }

    [Fact]
    public async Task G18_a_cycle_closed_from_inside_a_nested_scope_of_one_of_its_members_is_refused()
    {
        // A joins B; B runs a scope of its own whose body joins A: B cannot end before that body, which waits for A,
        // which waits for B. The body is inside B, so its join counts as B's.
        for (var round = 0; round < Rounds; round++)
        {
            var slotA = HandleSlot();
            var slotB = HandleSlot();
            Fin<int> innerJoined = default;
            var b = Group.Scope<int>(inner => JoinsWhenKnown(slotA, f => innerJoined = f));
            var fin = await Guarded(Group.Scope<int>(s =>
                from a in s.Spawn(JoinsWhenKnown(slotB, _ => { }), "A")
                from hb in s.Spawn(b, "B")
                from pa in Publish(slotA, a)
                from pb in Publish(slotB, hb)
                select 0));

            var error = fin.Group();
            Assert.NotEmpty(error.Leaves);
            Assert.All(error.Leaves, leaf => Assert.Contains("cycle", Refusal(leaf).Message));
        }
    }

    [Fact]
    public async Task G18_a_nested_All_child_inside_a_child_joining_that_child_s_handle_is_refused()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var self = HandleSlot();
            Fin<int> joined = default;
            var child = Aff<GroupRuntime, int>.EffectMaybe(async rt =>
            {
                var handle = await self.Task.ConfigureAwait(false);
                var inner = Group.All(
                    Aff<GroupRuntime, int>.EffectMaybe(async innerRt =>
                    {
                        joined = await handle.Join.Run(innerRt).ConfigureAwait(false);
                        return joined;
                    }),
                    Kids.Ok(1));
                var all = await inner.Run(rt).ConfigureAwait(false);
                return all.Map(values => values.Sum());
            });
            var fin = await Guarded(Group.Scope<int>(s =>
                from h in s.Spawn(child)
                from _ in Publish(self, h)
                select 0));

            Assert.Contains("its own handle", Refusal(joined.Error()).Message);
            var error = fin.Group();
            Assert.Single(error.Errors);
        }
    }

    [Fact]
    public async Task G18_a_nested_scope_body_inside_a_child_joining_that_child_s_handle_is_refused()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var self = HandleSlot();
            Fin<int> joined = default;
            var child = Aff<GroupRuntime, int>.EffectMaybe(async rt =>
            {
                var handle = await self.Task.ConfigureAwait(false);
                var inner = Group.Scope<int>(_ => Aff<GroupRuntime, int>.EffectMaybe(async innerRt =>
                {
                    joined = await handle.Join.Run(innerRt).ConfigureAwait(false);
                    return joined;
                }));
                return await inner.Run(rt).ConfigureAwait(false);
            });
            var fin = await Guarded(Group.Scope<int>(s =>
                from h in s.Spawn(child)
                from _ in Publish(self, h)
                select 0));

            Assert.Contains("its own handle", Refusal(joined.Error()).Message);
            Assert.NotEmpty(fin.Group().Errors);
        }
    }

    [Fact]
    public async Task G18_a_join_chain_without_a_cycle_is_not_refused()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var slotB = HandleSlot();
            var slotC = HandleSlot();
            var releaseC = Kids.Gate();
            Fin<int> aGot = default, bGot = default;
            var fin = await Guarded(Group.Scope<int>(s =>
                from a in s.Spawn(JoinsWhenKnown(slotB, f => aGot = f), "A")
                from b in s.Spawn(JoinsWhenKnown(slotC, f => bGot = f), "B")
                from c in s.Spawn(Kids.IgnoresCancellation(releaseC.Task, 5), "C")
                from pb in Publish(slotB, b)
                from pc in Publish(slotC, c)
                from x in Body(async _ =>
                {
                    // A waits for B which waits for C (a chain), and the body joins A too: no cycle anywhere.
                    await Until(() => a.Result.IsSome || Volatile.Read(ref slotC) is not null).ConfigureAwait(false);
                    releaseC.SetResult();
                    return 0;
                })
                from y in a.Join
                select x + y));

            Assert.Equal(5, fin.Value());
            Assert.Equal(5, aGot.Value());
            Assert.Equal(5, bGot.Value());
        }
    }
}
